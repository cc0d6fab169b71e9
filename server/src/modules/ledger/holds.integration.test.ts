import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fundedWallet,
  manualClock,
  refusal,
  expectRefusedWithoutWrites as refusedWithoutWrites,
} from '../../../test/support/ledger';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import type { LedgerService } from './index';
import { EXPIRE_HOLDS_CRON, RECONCILE_CRON } from './ledger.jobs';

const clock = manualClock();
let t: TestApp;
let ledger: LedgerService;
beforeAll(async () => {
  t = await createTestApp({ clock, work: true });
  ledger = t.modules.ledger.service;
});
afterAll(async () => {
  await t.close();
});

const minutes = (n: number) => new Date(clock.now().getTime() + n * 60_000);

function expectRefusedWithoutWrites(attempt: () => Promise<unknown>, code: string) {
  return refusedWithoutWrites(t.database.pool, attempt, code);
}

async function walletWithHold(balance: number, held: number) {
  const accountId = await fundedWallet(t.db, ledger, balance);
  const { hold } = await ledger.hold({
    accountId,
    amountCents: held,
    idempotencyKey: `call-hold:${accountId}`,
    expiresAt: minutes(10),
    reference: 'CA123',
  });
  return { accountId, hold };
}

describe('placing holds', () => {
  it('reserves funds: they stay in the balance but are no longer available', async () => {
    const { accountId, hold } = await walletWithHold(1_000, 600);
    expect(hold).toMatchObject({
      status: 'active',
      amountCents: 600,
      reference: 'CA123',
      capturedCents: null,
    });
    expect(await ledger.walletSummary(accountId)).toMatchObject({
      balanceCents: 1_000,
      heldCents: 600,
      availableCents: 400,
    });
  });

  it('returns the original hold for a repeated key, and refuses the key for another amount or wallet', async () => {
    const { accountId, hold } = await walletWithHold(1_000, 600);
    const request = {
      accountId,
      amountCents: 600,
      idempotencyKey: hold.idempotencyKey,
      expiresAt: minutes(11),
    };
    expect(await ledger.hold(request)).toEqual({ hold, replayed: true });
    await expectRefusedWithoutWrites(
      () => ledger.hold({ ...request, amountCents: 601 }),
      'idempotency_conflict',
    );
    const other = await fundedWallet(t.db, ledger, 1_000);
    await expectRefusedWithoutWrites(
      () => ledger.hold({ ...request, accountId: other }),
      'idempotency_conflict',
    );
  });

  it('refuses to hold more than is available, or on a wallet that does not exist', async () => {
    const { accountId } = await walletWithHold(1_000, 600);
    const request = {
      accountId,
      amountCents: 401,
      idempotencyKey: `second:${accountId}`,
      expiresAt: minutes(5),
    };
    await expectRefusedWithoutWrites(() => ledger.hold(request), 'insufficient_funds');
    await expectRefusedWithoutWrites(
      () => ledger.hold({ ...request, accountId: randomUUID() }),
      'unknown_ledger_account',
    );
  });

  it('refuses bad amounts, keys and expiries', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    const request = { accountId, amountCents: 100, idempotencyKey: `h:${accountId}`, expiresAt: minutes(5) };
    await expectRefusedWithoutWrites(() => ledger.hold({ ...request, amountCents: 0 }), 'invalid_amount');
    await expectRefusedWithoutWrites(() => ledger.hold({ ...request, amountCents: 1.5 }), 'invalid_amount');
    await expectRefusedWithoutWrites(
      () => ledger.hold({ ...request, idempotencyKey: '' }),
      'validation_failed',
    );
    await expectRefusedWithoutWrites(
      () => ledger.hold({ ...request, expiresAt: minutes(0) }),
      'validation_failed',
    );
  });
});

describe('capturing holds', () => {
  it('charges the captured amount in one transfer and releases the rest', async () => {
    const revenueBefore = (await ledger.balanceOf({ system: 'call_revenue' })).balanceCents;
    const { accountId, hold } = await walletWithHold(1_000, 600);
    const captured = await ledger.capture({
      holdId: hold.id,
      amountCents: 250,
      reference: 'CA123',
      memo: 'Call',
    });
    expect(captured.replayed).toBe(false);
    expect(captured.hold).toMatchObject({ status: 'captured', capturedCents: 250, settledAt: clock.now() });
    expect(captured.transfer).toMatchObject({
      kind: 'call',
      amountCents: 250,
      holdId: hold.id,
      idempotencyKey: `hold:${hold.id}`,
      debitBalanceAfterCents: 750,
    });
    expect(await ledger.walletSummary(accountId)).toMatchObject({ balanceCents: 750, heldCents: 0 });
    expect((await ledger.balanceOf({ system: 'call_revenue' })).balanceCents).toBe(revenueBefore + 250);
  });

  it('captures to the kind and counterparty asked for', async () => {
    const { hold } = await walletWithHold(1_000, 600);
    const { transfer } = await ledger.capture({ holdId: hold.id, amountCents: 600, kind: 'number_fee' });
    const numberRevenue = await ledger.history({ system: 'number_revenue' }, { limit: 1 });
    expect(numberRevenue.items[0]?.id).toBe(transfer.id);
  });

  it('returns the first outcome when the same capture is repeated, and refuses a different one', async () => {
    const { hold } = await walletWithHold(1_000, 600);
    const first = await ledger.capture({ holdId: hold.id, amountCents: 250 });
    expect(await ledger.capture({ holdId: hold.id, amountCents: 250 })).toEqual({ ...first, replayed: true });
    await expectRefusedWithoutWrites(
      () => ledger.capture({ holdId: hold.id, amountCents: 300 }),
      'hold_settled',
    );
    await expectRefusedWithoutWrites(() => ledger.release({ holdId: hold.id }), 'hold_settled');
  });

  it('refuses to capture more than the hold, or nothing at all', async () => {
    const { hold } = await walletWithHold(1_000, 600);
    const error = await refusal(ledger.capture({ holdId: hold.id, amountCents: 601 }));
    expect(error).toMatchObject({ code: 'invalid_amount', details: { heldCents: 600 } });
    await expectRefusedWithoutWrites(
      () => ledger.capture({ holdId: hold.id, amountCents: 601 }),
      'invalid_amount',
    );
    await expectRefusedWithoutWrites(
      () => ledger.capture({ holdId: hold.id, amountCents: 0 }),
      'invalid_amount',
    );
  });

  it('refuses to capture a hold past its expiry, even before the sweeper has run', async () => {
    const { hold } = await walletWithHold(1_000, 600);
    clock.advance(10 * 60_000);
    await expectRefusedWithoutWrites(
      () => ledger.capture({ holdId: hold.id, amountCents: 100 }),
      'hold_expired',
    );
  });

  it('knows no hold by an id it never issued', async () => {
    await expectRefusedWithoutWrites(
      () => ledger.capture({ holdId: randomUUID(), amountCents: 1 }),
      'unknown_hold',
    );
    await expectRefusedWithoutWrites(() => ledger.release({ holdId: randomUUID() }), 'unknown_hold');
    await expectRefusedWithoutWrites(() => ledger.release({ holdId: 'h_1' }), 'validation_failed');
  });
});

describe('releasing and expiring holds', () => {
  it('gives back everything a hold reserved, once', async () => {
    const { accountId, hold } = await walletWithHold(1_000, 600);
    const released = await ledger.release({ holdId: hold.id });
    expect(released).toMatchObject({ replayed: false, hold: { status: 'released', settledAt: clock.now() } });
    expect(await ledger.walletSummary(accountId)).toMatchObject({ heldCents: 0, availableCents: 1_000 });
    expect(await ledger.release({ holdId: hold.id })).toEqual({ ...released, replayed: true });
    await expectRefusedWithoutWrites(
      () => ledger.capture({ holdId: hold.id, amountCents: 1 }),
      'hold_settled',
    );
  });

  it('expires only the holds whose time has come', async () => {
    const due = await walletWithHold(1_000, 600);
    const later = await fundedWallet(t.db, ledger, 1_000);
    await ledger.hold({
      accountId: later,
      amountCents: 300,
      idempotencyKey: `h:${later}`,
      expiresAt: minutes(30),
    });
    clock.advance(10 * 60_000);
    expect(await ledger.expireHolds()).toBeGreaterThanOrEqual(1);
    expect(await ledger.walletSummary(due.accountId)).toMatchObject({ heldCents: 0, availableCents: 1_000 });
    expect(await ledger.walletSummary(later)).toMatchObject({ heldCents: 300 });
    expect(await ledger.release({ holdId: due.hold.id })).toMatchObject({
      replayed: true,
      hold: { status: 'expired' },
    });
  });

  it('expires holds when the queue delivers the job, on its schedule', async () => {
    const { accountId } = await walletWithHold(1_000, 600);
    clock.advance(10 * 60_000);
    await t.jobs.send(t.modules.ledger.expireHoldsJob, {});
    const deadline = Date.now() + 10_000;
    while ((await ledger.walletSummary(accountId)).heldCents > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await ledger.walletSummary(accountId)).heldCents).toBe(0);

    const schedules = await t.database.pool.query('select name, cron from pgboss.schedule order by name');
    expect(schedules.rows).toEqual(
      expect.arrayContaining([
        { name: 'ledger.expire-holds', cron: EXPIRE_HOLDS_CRON },
        { name: 'ledger.reconcile', cron: RECONCILE_CRON },
      ]),
    );
  });
});
