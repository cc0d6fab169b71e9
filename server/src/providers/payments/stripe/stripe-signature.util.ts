import Stripe from 'stripe';
import { type WebhookEvent, WebhookSignatureError } from '../payments.port';

/** Stripe's own default; never 0, which would switch the timestamp check off. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Verifies a `Stripe-Signature` header over the raw body with Stripe's own code, for real and sandbox webhooks
 * alike: HMAC-SHA256 of `<timestamp>.<body>`, at most five minutes old.
 */
export function verifyStripeSignature(
  rawBody: Buffer | string,
  signature: string | undefined,
  secret: string,
): WebhookEvent {
  if (!signature) throw new WebhookSignatureError('The Stripe-Signature header is missing.');
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature, secret, SIGNATURE_TOLERANCE_SECONDS);
  } catch (error) {
    throw new WebhookSignatureError(error instanceof Error ? error.message : 'The signature is invalid.', {
      cause: error,
    });
  }
  const raw = event as unknown as Record<string, unknown>;
  const object = (event.data?.object ?? {}) as unknown as Record<string, unknown>;
  return { id: event.id, type: event.type, created: event.created, object, raw };
}

/** A `Stripe-Signature` header for a payload, as Stripe computes it (the sandbox and tests sign with this). */
export function signStripePayload(payload: string, secret: string, timestampSeconds?: number): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestampSeconds === undefined ? {} : { timestamp: timestampSeconds }),
  });
}
