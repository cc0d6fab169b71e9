import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSeat,
  newCaller,
  placeCall,
  SANDBOX_SECRET,
  sendWebhook,
  statusParams,
  waitForSettled,
} from '../../../test/support/calls';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

describe('prepaid: calls never spend more than the wallet holds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SANDBOX_SECRET }, work: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets two seats calling at once together hold and spend at most the balance', async () => {
    for (const [round, balance] of [70, 100, 333].entries()) {
      const domain = `prepaid-${round}-${Date.now().toString(36)}.test`;
      const owner = await newCaller(t, { cents: balance, kind: 'company', domain });
      const seats = [await addSeat(t, owner, domain), await addSeat(t, owner, domain)];

      // Both seats dial twice at the same moment, on real parallel requests.
      const attempts = await Promise.all(
        [...seats, ...seats].map((seat) => placeCall(t, seat, '+12025550100')),
      );
      const placed = attempts.filter((attempt) => attempt.twiml.includes('<Dial'));
      expect(placed.length).toBeGreaterThanOrEqual(1);
      const wallet = await t.modules.ledger.service.walletSummary(owner.accountId);
      expect(wallet.heldCents).toBeLessThanOrEqual(balance);
      expect(wallet.availableCents).toBeGreaterThanOrEqual(0);
      // Less than a minute of credit (1.75 cents) is left for anyone else.
      expect(wallet.availableCents).toBeLessThan(2);

      // Every call that went through talks for ten hours, far past what its hold pays for.
      await Promise.all(
        placed.map((call) =>
          sendWebhook(
            t,
            '/api/webhooks/twilio/status',
            statusParams(call.callSid, 'completed', { duration: 36_000 }),
          ),
        ),
      );
      const settled = await Promise.all(placed.map((call) => waitForSettled(t, call.callSid)));
      const charged = settled.reduce((sum, call) => sum + (call.costCents ?? 0), 0);
      expect(charged).toBeLessThanOrEqual(balance);
      expect(settled.every((call) => (call.costCents ?? 0) <= call.holdCents)).toBe(true);
      expect(await t.modules.ledger.service.walletSummary(owner.accountId)).toMatchObject({
        balanceCents: balance - charged,
        heldCents: 0,
      });
    }
  });
});
