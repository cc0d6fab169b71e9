import Stripe from 'stripe';
import {
  type CardDetails,
  type ChargeResult,
  type CheckoutRequest,
  type PaymentsProvider,
  PaymentsProviderError,
} from '../payments.port';
import { verifyStripeSignature } from './stripe-signature.util';

export type StripeSettings = {
  secretKey: string;
  webhookSecret: string;
  /** Base URL replacing api.stripe.com (stripe-mock or a loopback double); null for the real API. */
  apiUrl: string | null;
};

/** Host, port and protocol options that point the SDK at another base URL. */
function connectionOptions(apiUrl: string | null): Stripe.StripeConfig {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
}

function providerError(action: string, error: unknown): PaymentsProviderError {
  const status = error instanceof Stripe.errors.StripeError ? (error.statusCode ?? null) : null;
  const detail = error instanceof Error ? error.message : String(error);
  return new PaymentsProviderError(`Stripe ${action} failed: ${detail}`, status, { cause: error });
}

async function calling<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw providerError(action, error);
  }
}

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

function checkoutParams(input: CheckoutRequest): Stripe.Checkout.SessionCreateParams {
  const common = {
    customer: input.customerId,
    client_reference_id: input.metadata.topupId ?? input.metadata.accountId,
    metadata: input.metadata,
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
  };
  if (input.mode === 'setup') {
    // Setup mode needs a currency when payment method types are left to the Dashboard.
    return { ...common, mode: 'setup', currency: 'usd', setup_intent_data: { metadata: input.metadata } };
  }
  return {
    ...common,
    mode: 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: 'usd',
          unit_amount: input.amountCents,
          product_data: { name: input.description },
        },
      },
    ],
    // Session metadata never reaches payment_intent.* events: the PaymentIntent carries our references too.
    payment_intent_data: {
      description: input.description,
      metadata: input.metadata,
      ...(input.saveCard ? { setup_future_usage: 'off_session' as const } : {}),
    },
  };
}

/** A card error's code; authentication can come as the code or as the decline code. */
function cardErrorCode(error: Stripe.errors.StripeCardError): string {
  if (error.code === 'authentication_required' || error.decline_code === 'authentication_required')
    return 'authentication_required';
  return error.decline_code ?? error.code ?? 'card_declined';
}

export function createStripePayments(settings: StripeSettings): PaymentsProvider {
  const stripe = new Stripe(settings.secretKey, {
    ...connectionOptions(settings.apiUrl),
    // The SDK sends the same idempotency key with each retry, so retrying a charge never charges twice.
    maxNetworkRetries: 2,
    timeout: 20_000,
  });

  return {
    kind: 'stripe',

    createCustomer: (input) =>
      calling('creating a customer', async () => {
        const customer = await stripe.customers.create(
          { email: input.email, name: input.name, metadata: { accountId: input.accountId } },
          { idempotencyKey: input.idempotencyKey },
        );
        return { customerId: customer.id };
      }),

    createCheckout: (input) =>
      calling('creating a Checkout session', async () => {
        const session = await stripe.checkout.sessions.create(checkoutParams(input), {
          idempotencyKey: input.idempotencyKey,
        });
        if (!session.url) throw new Error('the session has no URL');
        return { id: session.id, url: session.url };
      }),

    async chargeSavedCard(input): Promise<ChargeResult> {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: input.amountCents,
            currency: 'usd',
            customer: input.customerId,
            payment_method: input.paymentMethodId,
            off_session: true,
            confirm: true,
            description: input.description,
            metadata: input.metadata,
          },
          { idempotencyKey: input.idempotencyKey },
        );
        if (intent.status === 'succeeded')
          return { status: 'succeeded', paymentIntentId: intent.id, amountCents: intent.amount_received };
        if (intent.status === 'processing') return { status: 'processing', paymentIntentId: intent.id };
        return {
          status: 'failed',
          paymentIntentId: intent.id,
          code: intent.status === 'requires_action' ? 'authentication_required' : intent.status,
          message: intent.last_payment_error?.message ?? `The payment is ${intent.status}.`,
        };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError) {
          const intent = (error.raw as { payment_intent?: { id?: string } } | undefined)?.payment_intent;
          return {
            status: 'failed',
            paymentIntentId: intent?.id ?? null,
            code: cardErrorCode(error),
            message: error.message,
          };
        }
        throw providerError('charging a saved card', error);
      }
    },

    describePaymentMethod: (paymentMethodId) =>
      calling('reading a payment method', async (): Promise<CardDetails> => {
        const method = await stripe.paymentMethods.retrieve(paymentMethodId);
        if (!method.card) throw new Error(`${paymentMethodId} is not a card`);
        return {
          paymentMethodId: method.id,
          brand: method.card.brand,
          last4: method.card.last4,
          expMonth: method.card.exp_month,
          expYear: method.card.exp_year,
        };
      }),

    retrievePaymentIntent: (paymentIntentId) =>
      calling('reading a PaymentIntent', async () => {
        const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
        return {
          id: intent.id,
          paymentMethodId: idOf(intent.payment_method),
          metadata: intent.metadata ?? {},
        };
      }),

    paymentMethodOfSetupIntent: (setupIntentId) =>
      calling('reading a SetupIntent', async () =>
        idOf((await stripe.setupIntents.retrieve(setupIntentId)).payment_method),
      ),

    detachPaymentMethod: (paymentMethodId) =>
      calling('detaching a payment method', async () => {
        await stripe.paymentMethods.detach(paymentMethodId);
      }),

    verifyWebhook: (rawBody, signature) => verifyStripeSignature(rawBody, signature, settings.webhookSecret),
  };
}
