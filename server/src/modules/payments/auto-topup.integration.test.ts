import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../test/support/http-client';
import { countMail, waitForMail } from '../../../test/support/mail';
import { deliver, origin, owner, seatOf, stripeEnv, stripeEvent } from '../../../test/support/payments';
import { type StripeDouble, startStripeDouble } from '../../../test/support/stripe-double';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { waitFor } from '../../../test/support/wait';
import { topups } from './tables';

type Owner = Awaited<ReturnType<typeof owner>>;

describe('automatic top-up', () => {
  let t: TestApp;
  let double: StripeDouble;

  beforeAll(async () => {
    double = await startStripeDouble();
    t = await createTestApp({ work: true, env: stripeEnv(double) });
  });
  afterAll(async () => {
    await t.close();
    await double.close();
  });

  const ledger = () => t.modules.ledger.service;
  const run = (accountId: string) => t.modules.payments.autoTopups.run(accountId);
  const chargesOf = (accountId: string) =>
    double.requests('POST', '/v1/payment_intents').filter((r) => r.form['metadata[accountId]'] === accountId);
  const keysOf = (accountId: string) => new Set(chargesOf(accountId).map((r) => r.idempotencyKey));

  async function fund(accountId: string, cents: number) {
    await ledger().openWallet(accountId);
    await ledger().credit({
      accountId,
      amountCents: cents,
      kind: 'topup',
      idempotencyKey: `fund:${randomUUID()}`,
    });
  }
  const spend = (accountId: string, cents: number) =>
    ledger().debit({ accountId, amountCents: cents, kind: 'call', idempotencyKey: `call:${randomUUID()}` });
  /** Spends down to `cents` available (configure with a balance above the threshold, so nothing runs early). */
  const spendTo = async (accountId: string, cents: number) =>
    spend(accountId, (await available(accountId)) - cents);
  const available = async (accountId: string) => (await ledger().walletSummary(accountId)).availableCents;

  /** Saves a card as the product does: a setup Checkout (which makes the customer), then Stripe's event. */
  async function saveCard(person: Owner, paymentMethod = 'pm_card_visa') {
    expect((await person.client.post('/api/wallet/payment-method/setup')).statusCode).toBe(201);
    await deliver(
      t,
      stripeEvent('setup_intent.succeeded', {
        id: `seti_${randomUUID()}`,
        payment_method: paymentMethod,
        metadata: { accountId: person.accountId },
      }),
    );
  }

  /** An owner with a saved card, a funded wallet and automatic top-up on. */
  async function configured(options: { card?: string; balance?: number; settings?: Partial<Settings> } = {}) {
    const person = await owner(t);
    await saveCard(person, options.card);
    await fund(person.accountId, options.balance ?? 1500);
    const response = await person.client.put('/api/wallet/auto-topup', { ...defaults, ...options.settings });
    expect(response.statusCode).toBe(200);
    await jobsDone(person.accountId);
    return person;
  }

  /** Saving settings queues a check; wait until it ran, so that the test's own debits come after it. */
  async function jobsDone(accountId: string) {
    await waitFor(async () => {
      const { rows } = await t.database.pool.query(
        `select count(*)::int as n from pgboss.job where name = 'payments.auto-top-up' and singleton_key = $1
           and state in ('created', 'retry', 'active')`,
        [accountId],
      );
      return rows[0]?.n === 0 ? true : undefined;
    });
  }
  type Settings = { enabled: boolean; thresholdCents: number; amountCents: number; dailyCapCents: number };
  const defaults: Settings = {
    enabled: true,
    thresholdCents: 1000,
    amountCents: 2000,
    dailyCapCents: 10_000,
  };

  describe('settings', () => {
    it('saves and shows the settings, which GET /api/wallet reads too', async () => {
      const person = await configured();
      const status = (await person.client.get('/api/wallet/auto-topup')).json();
      expect(status).toMatchObject({
        settings: defaults,
        minimumAmountCents: 500,
        pausedReason: null,
        consecutiveFailures: 0,
        lastFailure: null,
      });
      expect(await t.modules.payments.autoTopupSettings(person.accountId)).toEqual(defaults);
    });

    it('needs a saved card to turn it on (422 payment_method_required), but may be saved off without one', async () => {
      const person = await owner(t);
      const on = await person.client.put('/api/wallet/auto-topup', defaults);
      expect(on.statusCode).toBe(422);
      expect(on.json().error.code).toBe('payment_method_required');
      const off = await person.client.put('/api/wallet/auto-topup', { ...defaults, enabled: false });
      expect(off.statusCode).toBe(200);
    });

    it('refuses an amount below the account’s minimum, a cap below the amount, and cents', async () => {
      const person = await owner(t);
      await saveCard(person);
      const small = await person.client.put('/api/wallet/auto-topup', { ...defaults, amountCents: 400 });
      expect(small.json().error).toMatchObject({ code: 'below_minimum', details: { minimumCents: 500 } });
      const cap = await person.client.put('/api/wallet/auto-topup', { ...defaults, dailyCapCents: 1000 });
      expect(cap.json().error.code).toBe('validation_failed');
      expect(cap.json().error.details.fields[0].path).toBe('body.dailyCapCents');
      const cents = await person.client.put('/api/wallet/auto-topup', { ...defaults, thresholdCents: 1050 });
      expect(cents.json().error.code).toBe('validation_failed');

      const company = await owner(t, 'company');
      await saveCard(company);
      const companySmall = await company.client.put('/api/wallet/auto-topup', {
        ...defaults,
        amountCents: 5000,
      });
      expect(companySmall.json().error).toMatchObject({
        code: 'below_minimum',
        details: { minimumCents: 10_000 },
      });
    });

    it('is for owners and admins: seats get 403, strangers 401', async () => {
      const company = await owner(t, 'company');
      const seat = await seatOf(t, company);
      expect((await seat.put('/api/wallet/auto-topup', defaults)).statusCode).toBe(403);
      expect((await seat.get('/api/wallet/auto-topup')).statusCode).toBe(403);
      expect((await seat.delete('/api/wallet/payment-method')).statusCode).toBe(403);
      const stranger = createHttpClient(t.app, { origin: origin(t) });
      expect((await stranger.put('/api/wallet/auto-topup', defaults)).statusCode).toBe(401);
    });
  });

  describe('charging', () => {
    it('looks at the balance, not at holds: money reserved for a call in progress charges no card', async () => {
      const person = await configured({ balance: 1500 });
      await ledger().hold({
        accountId: person.accountId,
        amountCents: 1000,
        idempotencyKey: `call-setup:${randomUUID()}`,
        expiresAt: new Date(Date.now() + 3600_000),
      });
      expect(await available(person.accountId)).toBe(500);
      expect(await run(person.accountId)).toEqual({ charge: false, reason: 'above_threshold' });
      await jobsDone(person.accountId);
      expect(chargesOf(person.accountId)).toHaveLength(0);
    });

    it('charges only once the available balance falls below the threshold, and credits with a receipt', async () => {
      const person = await configured({ balance: 1500 });
      expect(await run(person.accountId)).toEqual({ charge: false, reason: 'above_threshold' });
      expect(chargesOf(person.accountId)).toHaveLength(0);

      // The debit itself queues the check (the ledger tells payments); the job charges the card.
      await spend(person.accountId, 600);
      await waitFor(async () => ((await available(person.accountId)) === 900 + 2000 ? true : undefined));
      await jobsDone(person.accountId);
      expect(await run(person.accountId)).toEqual({ charge: false, reason: 'above_threshold' });
      const [charge] = chargesOf(person.accountId);
      expect(charge?.form).toMatchObject({
        amount: '2000',
        off_session: 'true',
        payment_method: 'pm_card_visa',
      });
      expect(charge?.idempotencyKey).toMatch(/^auto-topup:/);

      const receipt = await waitForMail(t.db, person.email, 'topup_receipt');
      expect(receipt.textBody).toContain('Automatic top-up of $20');
      expect(receipt.textBody).toContain('Your balance is now $29.');
      const list = (await person.client.get('/api/wallet/topups')).json();
      expect(list.items[0]).toMatchObject({
        kind: 'auto',
        status: 'succeeded',
        amountCents: 2000,
        cardLast4: '4242',
      });
      const history = await ledger().history({ wallet: person.accountId }, { limit: 1 });
      expect(history.items[0]).toMatchObject({ kind: 'auto_topup', amountCents: 2000 });

      // Stripe's own event for the same charge arrives later and changes nothing.
      const [attempt] = await t.db.select().from(topups).where(eq(topups.accountId, person.accountId));
      const late = await deliver(
        t,
        stripeEvent('payment_intent.succeeded', {
          id: attempt?.paymentIntentId,
          amount: 2000,
          amount_received: 2000,
          payment_method: 'pm_card_visa',
          metadata: { topupId: attempt?.id, accountId: person.accountId, kind: 'auto' },
        }),
      );
      expect(late.outcome).toContain('already credited');
      expect(await available(person.accountId)).toBe(2900);
    });

    it('stops at the daily cap: today’s automatic top-ups plus this one may not exceed it', async () => {
      const person = await configured({ settings: { dailyCapCents: 5000 } });
      for (const charges of [1, 2]) {
        await spendTo(person.accountId, 500);
        await waitFor(async () => (keysOf(person.accountId).size === charges ? true : undefined));
        await jobsDone(person.accountId);
      }
      await spendTo(person.accountId, 500);
      await jobsDone(person.accountId);
      expect(await run(person.accountId)).toEqual({ charge: false, reason: 'daily_cap' });
      expect(keysOf(person.accountId).size).toBe(2);
      expect(await available(person.accountId)).toBe(500);
    });

    it('never charges twice under concurrent debits, whether run directly or through the deduplicated job', async () => {
      const person = await configured({ balance: 1500 });
      double.setDelay(150);
      try {
        // Each debit also queues the job: direct runs and the job race each other, and one charge wins.
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            await spend(person.accountId, 100);
            return run(person.accountId);
          }),
        );
        await waitFor(async () =>
          (await available(person.accountId)) === 1500 - 800 + 2000 ? true : undefined,
        );
        await jobsDone(person.accountId);
        expect(keysOf(person.accountId).size).toBe(1);

        // The same through the job that debits would queue: many calls, one charge.
        await spendTo(person.accountId, 500);
        await Promise.all(
          Array.from({ length: 8 }, () => t.modules.payments.considerAutoTopUp(person.accountId)),
        );
        await waitFor(async () => (keysOf(person.accountId).size === 2 ? true : undefined));
        await waitFor(async () => ((await available(person.accountId)) === 2500 ? true : undefined));
        await new Promise((resolve) => setTimeout(resolve, 1500));
        expect(keysOf(person.accountId).size).toBe(2);
      } finally {
        double.setDelay(0);
      }
    });

    it('records a decline, emails the owner, shows the failure, and pauses after three in a row until re-enabled', async () => {
      const person = await configured({ card: 'pm_card_declined' });
      // The debit queues the attempt; the job charges the card, which declines.
      await spendTo(person.accountId, 500);
      await jobsDone(person.accountId);
      expect(keysOf(person.accountId).size).toBe(1);
      expect(await available(person.accountId)).toBe(500);
      const mail = await waitForMail(t.db, person.email, 'auto_topup_failed');
      expect(mail.textBody).toContain('Your card was declined.');
      expect(mail.textBody).toContain('/credits?recover=1');
      const status = (await person.client.get('/api/wallet/auto-topup')).json();
      expect(status).toMatchObject({ consecutiveFailures: 1, pausedReason: null });
      expect(status.lastFailure).toMatchObject({ amountCents: 2000, code: 'generic_decline' });

      await run(person.accountId);
      await run(person.accountId);
      const paused = (await person.client.get('/api/wallet/auto-topup')).json();
      expect(paused).toMatchObject({ consecutiveFailures: 3, pausedReason: 'failures' });
      expect(await run(person.accountId)).toEqual({ charge: false, reason: 'paused' });
      expect(keysOf(person.accountId).size).toBe(3);
      expect(await countMail(t.db, person.email)).toBeGreaterThanOrEqual(3);
      const lastMail = await waitForMail(t.db, person.email, 'auto_topup_failed');
      expect(lastMail.textBody).toContain('paused after three failed attempts');

      const again = await person.client.put('/api/wallet/auto-topup', defaults);
      expect(again.statusCode).toBe(200);
      expect((await person.client.get('/api/wallet/auto-topup')).json()).toMatchObject({
        consecutiveFailures: 0,
        pausedReason: null,
      });
    });

    it('treats authentication_required as a failure, and recovers through a Checkout that replaces the card', async () => {
      const person = await configured({ card: 'pm_card_auth' });
      await spendTo(person.accountId, 500);
      await jobsDone(person.accountId);
      expect(keysOf(person.accountId).size).toBe(1);
      const status = (await person.client.get('/api/wallet/auto-topup')).json();
      expect(status.lastFailure.code).toBe('authentication_required');
      const mail = await waitForMail(t.db, person.email, 'auto_topup_failed');
      expect(mail.textBody).toContain('confirm the payment with your bank');

      const recovery = await person.client.post('/api/wallet/auto-topup/recover');
      expect(recovery.statusCode).toBe(201);
      const { topupId } = recovery.json();
      expect(double.requests('POST', '/v1/checkout/sessions').at(-1)?.form).toMatchObject({
        'line_items[0][price_data][unit_amount]': '2000',
        'payment_intent_data[setup_future_usage]': 'off_session',
        'payment_intent_data[metadata][kind]': 'recovery',
      });
      await deliver(
        t,
        stripeEvent('payment_intent.succeeded', {
          id: `pi_recovery_${randomUUID().slice(0, 8)}`,
          amount: 2000,
          amount_received: 2000,
          payment_method: 'pm_card_visa',
          metadata: { topupId },
        }),
      );
      expect(await available(person.accountId)).toBe(2500);
      expect((await person.client.get('/api/wallet/payment-method')).json().card.last4).toBe('4242');
      expect((await person.client.get('/api/wallet/auto-topup')).json()).toMatchObject({
        consecutiveFailures: 0,
        lastFailure: null,
      });
    });

    it('stops when the card is removed, and detaches it at the processor', async () => {
      const person = await configured();
      expect((await person.client.delete('/api/wallet/payment-method')).statusCode).toBe(204);
      await spendTo(person.accountId, 500);
      await jobsDone(person.accountId);
      expect(keysOf(person.accountId).size).toBe(0);
      expect(double.requests('POST', '/v1/payment_methods/pm_card_visa/detach').length).toBeGreaterThan(0);
      expect((await person.client.get('/api/wallet/payment-method')).json()).toEqual({ card: null });
      expect((await person.client.get('/api/wallet/auto-topup')).json().pausedReason).toBe('card_removed');
      expect(await run(person.accountId)).toEqual({ charge: false, reason: 'paused' });
    });
  });
});
