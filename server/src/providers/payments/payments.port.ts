/**
 * The card processor as the product sees it: hosted checkout pages to pay or to save a card, off-session
 * charges of a saved card, and signed webhooks. Stripe is the real adapter; the sandbox plays its part locally,
 * sending the same signed events to our webhook.
 */
export interface PaymentsProvider {
  readonly kind: 'stripe' | 'sandbox';
  /** The processor's customer for one of our accounts; the same key returns the same customer. */
  createCustomer(input: CustomerRequest): Promise<{ customerId: string }>;
  /** A hosted checkout page: `payment` to top up (optionally saving the card), `setup` to save a card only. */
  createCheckout(input: CheckoutRequest): Promise<CheckoutSession>;
  /** Charges a saved card while its owner is away; the same idempotency key never charges twice. */
  chargeSavedCard(input: OffSessionCharge): Promise<ChargeResult>;
  describePaymentMethod(paymentMethodId: string): Promise<CardDetails>;
  /** A PaymentIntent as it stands: the card that paid it (null while none has) and our references. */
  retrievePaymentIntent(paymentIntentId: string): Promise<PaymentIntentInfo>;
  /** The card a SetupIntent saved, or null while none has. */
  paymentMethodOfSetupIntent(setupIntentId: string): Promise<string | null>;
  /** Forgets a saved card at the processor, so that it can never be charged again. */
  detachPaymentMethod(paymentMethodId: string): Promise<void>;
  /**
   * Checks a webhook's signature over its raw body (at most 5 minutes old) and returns its event; throws
   * `WebhookSignatureError` for anything forged, altered, stale or unsigned.
   */
  verifyWebhook(rawBody: Buffer | string, signature: string | undefined): WebhookEvent;
}

export type Metadata = Record<string, string>;

export type CustomerRequest = { accountId: string; email: string; name: string; idempotencyKey: string };

export type CheckoutRequest = {
  customerId: string;
  /** Shown on the checkout page and on the card statement's description. */
  description: string;
  /** Our references, on the session and on the PaymentIntent or SetupIntent it creates. */
  metadata: Metadata;
  successUrl: string;
  cancelUrl: string;
  idempotencyKey: string;
} & ({ mode: 'payment'; amountCents: number; saveCard: boolean } | { mode: 'setup' });

export type CheckoutSession = { id: string; url: string };

export type OffSessionCharge = {
  customerId: string;
  paymentMethodId: string;
  amountCents: number;
  description: string;
  metadata: Metadata;
  idempotencyKey: string;
};

export type ChargeResult =
  | { status: 'succeeded'; paymentIntentId: string; amountCents: number }
  /** Not settled yet: the outcome arrives by webhook. */
  | { status: 'processing'; paymentIntentId: string }
  /** Declined, or the bank wants its customer to authenticate (`authentication_required`). */
  | { status: 'failed'; paymentIntentId: string | null; code: string; message: string };

export type PaymentIntentInfo = { id: string; paymentMethodId: string | null; metadata: Metadata };

export type CardDetails = {
  paymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
};

/** A verified webhook event; `object` is the processor's object as it sent it. */
export type WebhookEvent = {
  id: string;
  type: string;
  created: number;
  object: Record<string, unknown>;
  /** The whole event, as stored in the inbox. */
  raw: Record<string, unknown>;
};

export class WebhookSignatureError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebhookSignatureError';
  }
}

/** The processor could not be reached or failed; another attempt may succeed. */
export class PaymentsProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PaymentsProviderError';
  }
}
