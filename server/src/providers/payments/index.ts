import type { Config } from '../../config';
import type { Logger } from '../../platform/logger.adapter';
import type { PaymentsProvider } from './payments.port';
import { createSandboxPayments } from './sandbox/sandbox-payments.adapter';
import { createStripePayments } from './stripe/stripe.adapter';

export type {
  CardDetails,
  ChargeResult,
  CheckoutRequest,
  CheckoutSession,
  OffSessionCharge,
  PaymentsProvider,
  WebhookEvent,
} from './payments.port';
export { PaymentsProviderError, WebhookSignatureError } from './payments.port';
export { SANDBOX_CARDS } from './sandbox/sandbox-cards.domain';
export type {
  SandboxCheckout,
  SandboxCheckoutView,
  SandboxPayment,
} from './sandbox/sandbox-checkout.service';
export { SandboxCheckoutError } from './sandbox/sandbox-checkout.service';

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
