import { randomBytes } from 'node:crypto';
import type { Logger } from '../../../platform/logger.adapter';
import type { ChargeResult, PaymentsProvider } from '../payments.port';
import { verifyStripeSignature } from '../stripe/stripe-signature.util';
import { cardOfId, sandboxExpiry } from './sandbox-cards.domain';
import { createSandboxCheckout, type SandboxCheckout } from './sandbox-checkout.service';
import { type Delivery, deliverEvents, digest, sandboxEvent } from './sandbox-events.service';
import { encodeSession } from './sandbox-session.util';

export type SandboxPaymentsSettings = {
  /** Shared by every process of one deployment (SANDBOX_SECRET); generated when null. */
  secret: string | null;
  /** Our own webhook, PUBLIC_URL/api/webhooks/stripe: the sandbox calls it over HTTP as Stripe would. */
  webhookUrl: string;
  /** Where the sandbox checkout page lives, PUBLIC_URL/sandbox/checkout. */
  checkoutPageUrl: string;
  now: () => Date;
  logger: Logger;
};

/**
 * Plays Stripe's part without a network: checkout sessions open our own sandbox checkout page, saved test
 * cards decide how later charges go, and every outcome is sent to our webhook as an event signed exactly as
 * Stripe signs, so the product runs the same code path as with Stripe.
 */
export function createSandboxPayments(settings: SandboxPaymentsSettings): {
  provider: PaymentsProvider;
  checkout: SandboxCheckout;
} {
  const secret = settings.secret ?? `whsec_sandbox_${randomBytes(24).toString('hex')}`;
  const delivery: Delivery = { url: settings.webhookUrl, secret, now: settings.now };

  function requireCard(id: string) {
    const card = cardOfId(id);
    if (!card) throw new Error(`${id} is not a sandbox payment method`);
    return card;
  }

  /** Stripe sends webhooks after it answers; so does the sandbox, reporting what it could not deliver. */
  function deliverLater(events: Parameters<typeof deliverEvents>[1]) {
    setTimeout(() => {
      deliverEvents(delivery, events).catch((error: unknown) =>
        settings.logger.warn({ err: error }, 'sandbox payments could not deliver a webhook'),
      );
    }, 50);
  }

  const provider: PaymentsProvider = {
    kind: 'sandbox',

    async createCustomer(input) {
      return { customerId: `cus_sb_${digest(input.idempotencyKey)}` };
    },

    async createCheckout(input) {
      const id = encodeSession(input, secret, settings.now(), digest(input.idempotencyKey));
      return { id, url: `${settings.checkoutPageUrl}/${id}` };
    },

    async chargeSavedCard(input): Promise<ChargeResult> {
      const card = requireCard(input.paymentMethodId);
      const paymentIntentId = `pi_sb_${card.key}_${digest(input.idempotencyKey)}`;
      const intent = {
        id: paymentIntentId,
        object: 'payment_intent',
        amount: input.amountCents,
        currency: 'usd',
        customer: input.customerId,
        payment_method: input.paymentMethodId,
        description: input.description,
        metadata: input.metadata,
        setup_future_usage: null,
      };
      if (card.offSession === 'succeed') {
        deliverLater([
          sandboxEvent('payment_intent.succeeded', {
            ...intent,
            status: 'succeeded',
            amount_received: input.amountCents,
          }),
        ]);
        return { status: 'succeeded', paymentIntentId, amountCents: input.amountCents };
      }
      const failure =
        card.offSession === 'authentication_required'
          ? {
              code: 'authentication_required',
              message: 'This payment requires authentication by the cardholder.',
            }
          : { code: 'card_declined', message: 'Your card was declined.' };
      deliverLater([
        sandboxEvent('payment_intent.payment_failed', {
          ...intent,
          status: 'requires_payment_method',
          amount_received: 0,
          last_payment_error: { type: 'card_error', decline_code: failure.code, ...failure },
        }),
      ]);
      return { status: 'failed', paymentIntentId, ...failure };
    },

    async describePaymentMethod(paymentMethodId) {
      const card = requireCard(paymentMethodId);
      return { paymentMethodId, brand: 'visa', last4: card.last4, ...sandboxExpiry(settings.now()) };
    },

    // Sandbox intents name their card and keep no references: the sandbox never sends refunds or disputes.
    async retrievePaymentIntent(paymentIntentId) {
      return {
        id: paymentIntentId,
        paymentMethodId: paymentIntentId.replace(/^pi_sb_/, 'pm_sb_'),
        metadata: {},
      };
    },

    async paymentMethodOfSetupIntent(setupIntentId) {
      return setupIntentId.replace(/^seti_sb_/, 'pm_sb_');
    },

    async detachPaymentMethod() {},

    verifyWebhook: (rawBody, signature) => verifyStripeSignature(rawBody, signature, secret),
  };

  return { provider, checkout: createSandboxCheckout({ secret, delivery, now: settings.now }) };
}
