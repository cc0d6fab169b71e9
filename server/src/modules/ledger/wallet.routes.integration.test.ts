import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../../../test/support/accounts';
import { createHttpClient, type HttpClient } from '../../../test/support/http-client';
import { ledgerFootprint } from '../../../test/support/ledger';
import { linkTokenIn, waitForMail } from '../../../test/support/mail';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { waitFor } from '../../../test/support/wait';

describe('the wallet API and admin adjustments', () => {
  let t: TestApp;
  let admin: HttpClient;
  const origin = 'http://localhost:3000';
  const client = () => createHttpClient(t.app, { origin });
  let keyCounter = 0;
  const key = () => {
    keyCounter += 1;
    return `test-${Date.now()}-${keyCounter}`;
  };

  beforeAll(async () => {
    t = await createTestApp({ work: true, env: { ADMIN_EMAILS: 'ledger-admin@mobayilo.test' } });
    admin = client();
    await signUp(admin, { email: 'ledger-admin@mobayilo.test' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function person(kind: 'individual' | 'company' = 'individual', domain = `w${key()}.test`) {
    const browser = client();
    const me = await signUp(browser, {
      email: uniqueEmail(domain),
      accountType: kind,
      ...(kind === 'company' ? { companyName: 'Wallet Co' } : {}),
    });
    return { browser, me, domain };
  }

  const adjust = (
    accountId: string,
    amountCents: unknown,
    idempotencyKey = key(),
    reason = 'goodwill credit',
  ) => admin.post(`/api/admin/accounts/${accountId}/adjustments`, { amountCents, reason, idempotencyKey });

  describe('GET /api/wallet', () => {
    it('answers 401 signed out, and an empty wallet at first', async () => {
      expect((await client().get('/api/wallet')).statusCode).toBe(401);
      const { browser } = await person();
      expect((await browser.get('/api/wallet')).json()).toEqual({
        balanceCents: 0,
        heldCents: 0,
        availableCents: 0,
        currency: 'USD',
        autoTopup: null,
      });
    });
  });

  describe('POST /api/admin/accounts/:id/adjustments', () => {
    it('credits a wallet once per key, which the owner then sees', async () => {
      const { browser, me } = await person();
      const idempotencyKey = key();
      const first = await adjust(me.account.id, 2500, idempotencyKey);
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({
        replayed: false,
        wallet: { balanceCents: 2500, availableCents: 2500 },
      });
      const again = await adjust(me.account.id, 2500, idempotencyKey);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ replayed: true, transferId: first.json().transferId });
      expect((await browser.get('/api/wallet')).json().balanceCents).toBe(2500);
    });

    it('refuses the same key with another amount: 409 and no second movement', async () => {
      const { me } = await person();
      const idempotencyKey = key();
      await adjust(me.account.id, 1000, idempotencyKey);
      const conflict = await adjust(me.account.id, 2000, idempotencyKey);
      expect(conflict.statusCode).toBe(409);
      expect(conflict.json().error.code).toBe('idempotency_conflict');
    });

    it('debits with a negative amount, never below zero', async () => {
      const { me } = await person();
      await adjust(me.account.id, 1000);
      expect((await adjust(me.account.id, -400)).json().wallet.balanceCents).toBe(600);
      const before = await ledgerFootprint(t.database.pool);
      const over = await adjust(me.account.id, -601);
      expect(over.statusCode).toBe(409);
      expect(over.json().error.code).toBe('insufficient_funds');
      expect(await ledgerFootprint(t.database.pool)).toEqual(before);
    });

    it('answers bad input with 4xx and writes nothing', async () => {
      const { me } = await person();
      const before = await ledgerFootprint(t.database.pool);
      for (const amount of [0, 1.5, 2 ** 53 + 2, 'ten', null]) {
        const response = await adjust(me.account.id, amount);
        expect(response.statusCode, `amount ${amount}`).toBe(422);
      }
      const noReason = await admin.post(`/api/admin/accounts/${me.account.id}/adjustments`, {
        amountCents: 100,
        idempotencyKey: key(),
      });
      expect(noReason.json().error.details.fields[0].path).toBe('body.reason');
      const noKey = await admin.post(`/api/admin/accounts/${me.account.id}/adjustments`, {
        amountCents: 100,
        reason: 'why not',
      });
      expect(noKey.statusCode).toBe(422);
      expect((await adjust('00000000-0000-4000-8000-000000000000', 100)).statusCode).toBe(404);
      expect((await adjust('not-a-uuid', 100)).statusCode).toBe(422);
      expect(await ledgerFootprint(t.database.pool)).toEqual(before);
    });

    it('is for platform admins only', async () => {
      const { browser, me } = await person();
      const response = await browser.post(`/api/admin/accounts/${me.account.id}/adjustments`, {
        amountCents: 100,
        reason: 'free money',
        idempotencyKey: key(),
      });
      expect(response.statusCode).toBe(403);
      expect((await browser.get(`/api/admin/accounts/${me.account.id}/wallet`)).statusCode).toBe(403);
    });
  });

  describe('GET /api/wallet/transactions', () => {
    it('lists the transactions newest first, signed from the wallet, a page at a time', async () => {
      const { browser, me } = await person();
      await adjust(me.account.id, 1000, key(), 'welcome credit');
      await adjust(me.account.id, -250, key(), 'correction');
      await adjust(me.account.id, 100, key(), 'apology');
      const first = (await browser.get('/api/wallet/transactions?limit=2')).json();
      expect(first.items.map((item: { amountCents: number }) => item.amountCents)).toEqual([100, -250]);
      expect(first.items[0]).toMatchObject({
        kind: 'adjustment',
        description: 'apology',
        balanceAfterCents: 850,
      });
      const second = (
        await browser.get(`/api/wallet/transactions?limit=2&cursor=${first.nextCursor}`)
      ).json();
      expect(second.items.map((item: { amountCents: number }) => item.amountCents)).toEqual([1000]);
      expect(second.nextCursor).toBeNull();
      expect((await browser.get('/api/wallet/transactions?limit=500')).statusCode).toBe(422);
    });

    it('is for the owners and admins of the account, not its seats', async () => {
      const { browser, domain } = await person('company');
      const seatEmail = uniqueEmail(domain, 'seat');
      await browser.post('/api/account/seats', { email: seatEmail });
      const seat = client();
      await seat.post('/api/auth/magic', {
        token: linkTokenIn((await waitForMail(t.db, seatEmail, 'seat_invite')).textBody),
      });
      expect((await seat.get('/api/wallet')).statusCode).toBe(200);
      expect((await seat.get('/api/wallet/transactions')).statusCode).toBe(403);
      expect((await seat.get('/api/wallet/statement.csv?from=2026-01-01&to=2026-01-31')).statusCode).toBe(
        403,
      );
      expect((await seat.get('/api/wallet/usage')).statusCode).toBe(403);
    });
  });

  describe('GET /api/wallet/statement.csv', () => {
    it('downloads the days asked for as CSV, with opening and closing balances', async () => {
      const { browser, me } = await person();
      await adjust(me.account.id, 1234, key(), 'opening credit');
      const today = new Date().toISOString().slice(0, 10);
      const response = await browser.get(`/api/wallet/statement.csv?from=${today}&to=${today}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="mobayilo-statement-${today}-to-${today}.csv"`,
      );
      const lines = response.body.trim().split('\r\n');
      expect(lines[0]).toBe('Date,Kind,Description,Reference,Amount (USD),Balance after (USD)');
      expect(lines[1]).toBe(`${today},opening_balance,Opening balance,,,0.00`);
      expect(lines[2]).toMatch(/,adjustment,opening credit,,12\.34,12\.34$/);
      expect(lines[3]).toBe(`${today},closing_balance,Closing balance,,,12.34`);
    });

    it('refuses a range that ends before it starts, or is not made of dates', async () => {
      const { browser } = await person();
      expect((await browser.get('/api/wallet/statement.csv?from=2026-02-01&to=2026-01-01')).statusCode).toBe(
        422,
      );
      expect((await browser.get('/api/wallet/statement.csv?from=yesterday&to=today')).statusCode).toBe(422);
      expect((await browser.get('/api/wallet/statement.csv')).statusCode).toBe(422);
    });
  });

  describe('GET /api/wallet/usage', () => {
    it('adds up this month’s calls per member of a company', async () => {
      const { browser, me, domain } = await person('company');
      await adjust(me.account.id, 5000);
      const seatEmail = uniqueEmail(domain, 'caller');
      const { member } = (await browser.post('/api/account/seats', { email: seatEmail })).json();
      for (const [i, cents] of [120, 80].entries()) {
        await t.modules.ledger.service.debit({
          accountId: me.account.id,
          amountCents: cents,
          kind: 'call',
          idempotencyKey: `usage-call-${member.id}-${i}`,
          actor: `membership:${member.id}`,
        });
      }
      const usage = (await browser.get('/api/wallet/usage')).json();
      expect(usage.month).toBe(new Date().toISOString().slice(0, 7));
      expect(usage.items[0]).toMatchObject({ email: seatEmail, calls: 2, costCents: 200, role: 'seat' });
      expect(usage.items[1]).toMatchObject({ calls: 0, costCents: 0, role: 'owner' });
    });

    it('is for companies', async () => {
      const { browser } = await person();
      expect((await browser.get('/api/wallet/usage')).statusCode).toBe(403);
    });
  });

  describe('reconciliation for admins', () => {
    it('runs on demand and lists the runs', async () => {
      expect((await admin.post('/api/admin/ledger/reconcile')).statusCode).toBe(202);
      const runs = await waitFor(async () => {
        const items = (await admin.get('/api/admin/ledger/reconciliations')).json().items;
        return items.length > 0 ? items : undefined;
      });
      expect(runs[0]).toMatchObject({ trigger: 'manual', totalCents: 0, mismatches: [] });
    });
  });
});
