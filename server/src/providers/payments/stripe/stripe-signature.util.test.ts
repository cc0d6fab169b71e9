import { describe, expect, it } from 'vitest';
import { WebhookSignatureError } from '../payments.port';
import { signStripePayload, verifyStripeSignature } from './stripe-signature.util';

const secret = 'whsec_signature_test';
const payload = JSON.stringify({
  id: 'evt_1',
  object: 'event',
  type: 'payment_intent.succeeded',
  created: 1_700_000_000,
  data: { object: { id: 'pi_1', metadata: { topupId: 't1' } } },
});
const now = () => Math.floor(Date.now() / 1000);

function refusal(run: () => unknown): WebhookSignatureError {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookSignatureError) return error;
    throw error;
  }
  throw new Error('expected the signature to be refused');
}

describe('Stripe webhook signatures', () => {
  it('accepts a body signed with our secret, returning its event and object', () => {
    const event = verifyStripeSignature(Buffer.from(payload), signStripePayload(payload, secret), secret);
    expect(event).toMatchObject({ id: 'evt_1', type: 'payment_intent.succeeded', object: { id: 'pi_1' } });
    expect(event.raw).toEqual(JSON.parse(payload));
  });

  it('refuses a body changed after signing', () => {
    const tampered = payload.replace('"t1"', '"t2"');
    const error = refusal(() => verifyStripeSignature(tampered, signStripePayload(payload, secret), secret));
    expect(error.message).toMatch(/signature/i);
  });

  it('refuses a signature more than five minutes old, and accepts one just inside', () => {
    const old = signStripePayload(payload, secret, now() - 301);
    expect(refusal(() => verifyStripeSignature(payload, old, secret)).message).toMatch(/tolerance/i);
    const recent = signStripePayload(payload, secret, now() - 240);
    expect(verifyStripeSignature(payload, recent, secret).id).toBe('evt_1');
  });

  it('refuses a body signed with another secret', () => {
    const forged = signStripePayload(payload, 'whsec_someone_else');
    expect(refusal(() => verifyStripeSignature(payload, forged, secret))).toBeInstanceOf(
      WebhookSignatureError,
    );
  });

  it('refuses a missing or malformed header', () => {
    expect(refusal(() => verifyStripeSignature(payload, undefined, secret)).message).toMatch(/missing/);
    expect(refusal(() => verifyStripeSignature(payload, 'garbage', secret))).toBeInstanceOf(
      WebhookSignatureError,
    );
  });
});
