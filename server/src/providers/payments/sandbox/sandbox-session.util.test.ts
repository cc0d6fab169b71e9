import { describe, expect, it } from 'vitest';
import { cardByNumber, cardOfId } from './sandbox-cards.domain';
import { decodeSession, encodeSession } from './sandbox-session.util';

const request = {
  mode: 'payment' as const,
  customerId: 'cus_sb_1',
  amountCents: 1000,
  saveCard: true,
  description: 'Mobayilo credit $10',
  metadata: { topupId: 't-1', accountId: 'a-1' },
  successUrl: 'http://app.test/dial?topup=t-1',
  cancelUrl: 'http://app.test/credits?topup=t-1',
  idempotencyKey: 'checkout:t-1',
};

describe('sandbox checkout sessions', () => {
  const now = new Date('2026-05-04T10:00:00Z');

  it('carry the session in an id only this sandbox can sign', () => {
    const id = encodeSession(request, 'secret-one-secret', now, 'k1');
    expect(decodeSession(id, 'secret-one-secret')).toMatchObject({
      mode: 'payment',
      amountCents: 1000,
      saveCard: true,
      metadata: { topupId: 't-1' },
      expiresAt: now.getTime() + 24 * 3600 * 1000,
    });
    expect(decodeSession(id, 'another-secret-xx')).toBeUndefined();
    const [body, mac] = id.slice('cs_sb_'.length).split('.');
    const changed = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body ?? '', 'base64url').toString()), amountCents: 1 }),
    );
    expect(
      decodeSession(`cs_sb_${changed.toString('base64url')}.${mac}`, 'secret-one-secret'),
    ).toBeUndefined();
    expect(decodeSession('cs_test_123', 'secret-one-secret')).toBeUndefined();
  });

  it('finds test cards by number (spaces allowed) and by the ids made from them', () => {
    expect(cardByNumber('4242 4242 4242 4242')?.key).toBe('visa');
    expect(cardByNumber('1234')).toBeUndefined();
    expect(cardOfId('pm_sb_auth_abc')?.last4).toBe('3184');
    expect(cardOfId('pm_card_visa')).toBeUndefined();
  });
});
