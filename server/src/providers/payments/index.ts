import type { Config } from '../../config';
import type { Logger } from '../../platform/logger';
import type { PaymentsProvider } from './port';
import { createSandboxPayments } from './sandbox/sandbox-payments';
import { createStripePayments } from './stripe/stripe.adapter';

export type {
  CardDetails,
  ChargeResult,
  CheckoutRequest,
  CheckoutSession,
  OffSessionCharge,
  PaymentsProvider,
  WebhookEvent,
} from './port';
export { PaymentsProviderError, WebhookSignatureError } from './port';
export { SANDBOX_CARDS } from './sandbox/sandbox-cards';
export type { SandboxCheckout, SandboxCheckoutView, SandboxPayment } from './sandbox/sandbox-checkout';
export { SandboxCheckoutError } from './sandbox/sandbox-checkout';

export const STRIPE_WEBHOOK_PATH = '/api/webhooks/stripe';

/**
 * Stripe when STRIPE_SECRET_KEY is set; else the sandbox, whose checkout page (`checkout`) the payments
 * module serves.
 */
export function createPaymentsProvider(deps: {
  config: Config['payments'];
  publicUrl: string;
  now: () => Date;
  logger: Logger;
}) {
  const { config } = deps;
  if (config.kind === 'stripe') {
    const provider: PaymentsProvider = createStripePayments({
      secretKey: config.secretKey,
      webhookSecret: config.webhookSecret,
      apiUrl: config.apiUrl,
    });
    return { provider, checkout: null };
  }
  return createSandboxPayments({
    secret: config.sandboxSecret,
    webhookUrl: `${deps.publicUrl}${STRIPE_WEBHOOK_PATH}`,
    checkoutPageUrl: `${deps.publicUrl}/sandbox/checkout`,
    now: deps.now,
    logger: deps.logger,
  });
}
