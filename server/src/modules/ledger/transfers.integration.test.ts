import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fundedWallet,
  ledgerFootprint,
  newAccountId,
  refusal,
  expectRefusedWithoutWrites as refusedWithoutWrites,
} from '../../../test/support/ledger';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import type { LedgerService, TransferRequest } from './index';

let t: TestApp;
let ledger: LedgerService;
beforeAll(async () => {
  t = await createTestApp();
  ledger = t.modules.ledger.service;
});
afterAll(async () => {
  await t.close();
});

/** A call charged to a wallet, keyed by the wallet (one such call per test wallet). */
function callCharge(accountId: string, amountCents: number) {
  return { accountId, amountCents, kind: 'call' as const, idempotencyKey: `call:${accountId}` };
}

function expectRefusedWithoutWrites(attempt: () => Promise<unknown>, code: string) {
  return refusedWithoutWrites(t.database.pool, attempt, code);
}

describe('wallets', () => {
  it('opens one empty wallet per account, and opening it again returns the same one', async () => {
    const accountId = await newAccountId(t.db);
    const first = await ledger.openWallet(accountId);
    expect(await ledger.openWallet(accountId)).toEqual(first);
    expect(await ledger.walletSummary(accountId)).toEqual({
      accountId,
      currency: 'USD',
      balanceCents: 0,
      heldCents: 0,
      availableCents: 0,
    });
  });

  it('knows no wallet for an account that never opened one', async () => {
    expect((await refusal(ledger.walletSummary(randomUUID()))).code).toBe('unknown_ledger_account');
    expect((await refusal(ledger.openWallet('42'))).code).toBe('validation_failed');
  });
});

describe('transfers', () => {
  it('credits and debits a wallet, recording its balance after each transfer', async () => {
    const accountId = await fundedWallet(t.db, ledger, 0);
    const topup = await ledger.credit({
      accountId,
      amountCents: 2_000,
      kind: 'topup',
      idempotencyKey: `topup:${accountId}`,
      reference: 'pi_123',
      actor: 'job:payments.fulfil',
    });
    expect(topup.replayed).toBe(false);
    expect(topup.transfer).toMatchObject({
      kind: 'topup',
      amountCents: 2_000,
      reference: 'pi_123',
      actor: 'job:payments.fulfil',
      creditBalanceAfterCents: 2_000,
      debitBalanceAfterCents: null,
    });

    const call = await ledger.debit({
      accountId,
      amountCents: 345,
      kind: 'call',
      idempotencyKey: `call:${accountId}`,
      memo: 'Call to +44 20 7946 0000',
    });
    expect(call.transfer).toMatchObject({ debitBalanceAfterCents: 1_655, creditBalanceAfterCents: null });
    expect(await ledger.balanceOf({ wallet: accountId })).toEqual({
      balanceCents: 1_655,
      heldCents: 0,
      availableCents: 1_655,
    });
  });

  it('derives system account balances from their transfers', async () => {
    const revenueBefore = (await ledger.balanceOf({ system: 'call_revenue' })).balanceCents;
    const cashBefore = (await ledger.balanceOf({ system: 'provider_cash' })).balanceCents;
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    await ledger.debit(callCharge(accountId, 400));
    expect((await ledger.balanceOf({ system: 'call_revenue' })).balanceCents).toBe(revenueBefore + 400);
    expect((await ledger.balanceOf({ system: 'provider_cash' })).balanceCents).toBe(cashBefore - 1_000);
  });

  it('returns the original transfer when a request is repeated with its idempotency key, moving nothing', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    const request = callCharge(accountId, 300);
    const first = await ledger.debit(request);
    const before = await ledgerFootprint(t.database.pool);
    const again = await ledger.debit({ ...request, memo: 'a retry may word things differently' });
    expect(again).toEqual({ transfer: first.transfer, replayed: true });
    expect(await ledgerFootprint(t.database.pool)).toEqual(before);
  });

  it('replays a debit even once the wallet could no longer pay it', async () => {
    const accountId = await fundedWallet(t.db, ledger, 500);
    const request = callCharge(accountId, 500);
    const first = await ledger.debit(request);
    expect(await ledger.debit(request)).toEqual({ transfer: first.transfer, replayed: true });
  });

  it.each([
    ['a different amount', { amountCents: 301 }],
    ['a different kind', { kind: 'number_fee' as const }],
    ['a different wallet', { accountId: randomUUID() }],
    ['a different counterparty', { counterparty: 'write_offs' as const }],
  ])('refuses the same idempotency key with %s as idempotency_conflict', async (_name, change) => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    const request = callCharge(accountId, 300);
    await ledger.debit(request);
    await expectRefusedWithoutWrites(() => ledger.debit({ ...request, ...change }), 'idempotency_conflict');
  });

  it('refuses a debit larger than the available balance, writing nothing', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    const request = callCharge(accountId, 1_001);
    await expectRefusedWithoutWrites(() => ledger.debit(request), 'insufficient_funds');
    expect((await refusal(ledger.debit(request))).details).toEqual({
      availableCents: 1_000,
      requestedCents: 1_001,
    });
  });

  it('does not count held funds as available', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    await ledger.hold({
      accountId,
      amountCents: 600,
      idempotencyKey: `call-hold:${accountId}`,
      expiresAt: new Date(Date.now() + 60_000),
    });
    const debit = callCharge(accountId, 401);
    await expectRefusedWithoutWrites(() => ledger.debit(debit), 'insufficient_funds');
    await ledger.debit({ ...debit, amountCents: 400 });
    expect(await ledger.walletSummary(accountId)).toMatchObject({ balanceCents: 600, availableCents: 0 });
  });

  it('moves money between two wallets, whichever owner id sorts first', async () => {
    for (let i = 0; i < 4; i += 1) {
      const payer = await fundedWallet(t.db, ledger, 1_000);
      const payee = await fundedWallet(t.db, ledger, 50);
      const { transfer } = await ledger.transfer({
        kind: 'adjustment',
        from: { wallet: payer },
        to: { wallet: payee },
        amountCents: 250,
        idempotencyKey: `move:${payer}`,
      });
      expect(transfer).toMatchObject({ debitBalanceAfterCents: 750, creditBalanceAfterCents: 300 });
      expect((await ledger.walletSummary(payer)).balanceCents).toBe(750);
      expect((await ledger.walletSummary(payee)).balanceCents).toBe(300);
    }
  });

  it('refuses a wallet-to-wallet transfer the payer cannot afford, changing neither wallet', async () => {
    for (let i = 0; i < 4; i += 1) {
      const payer = await fundedWallet(t.db, ledger, 100);
      const payee = await fundedWallet(t.db, ledger, 100);
      const request: TransferRequest = {
        kind: 'adjustment',
        from: { wallet: payer },
        to: { wallet: payee },
        amountCents: 101,
        idempotencyKey: `move:${payer}`,
      };
      await expectRefusedWithoutWrites(() => ledger.transfer(request), 'insufficient_funds');
      await expectRefusedWithoutWrites(
        () => ledger.transfer({ ...request, to: { wallet: randomUUID() } }),
        'unknown_ledger_account',
      );
    }
  });

  it('moves money between system accounts', async () => {
    const before = (await ledger.balanceOf({ system: 'write_offs' })).balanceCents;
    const { transfer } = await ledger.transfer({
      kind: 'write_off',
      from: { system: 'write_offs' },
      to: { system: 'call_revenue' },
      amountCents: 75,
      idempotencyKey: `write-off:${randomUUID()}`,
    });
    expect(transfer).toMatchObject({ debitBalanceAfterCents: null, creditBalanceAfterCents: null });
    expect((await ledger.balanceOf({ system: 'write_offs' })).balanceCents).toBe(before - 75);
  });
});

describe('adjustments', () => {
  it('credits or debits a wallet, recording the reason and the admin who did it', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    const admin = { id: randomUUID(), email: 'admin@example.com' };
    const actor = `admin:${admin.id}`;
    const up = await ledger.adjust({
      accountId,
      amountCents: 500,
      reason: 'Goodwill',
      idempotencyKey: 'adj-1',
      admin,
    });
    expect(up.transfer).toMatchObject({
      kind: 'adjustment',
      memo: 'Goodwill',
      actor,
      creditBalanceAfterCents: 1_500,
    });
    const down = await ledger.adjust({
      accountId,
      amountCents: -1_500,
      reason: 'Fraud',
      idempotencyKey: 'adj-2',
      admin,
    });
    expect(down.transfer).toMatchObject({ memo: 'Fraud', actor, debitBalanceAfterCents: 0 });
    expect((await ledger.balanceOf({ system: 'manual_adjustments' })).balanceCents).toBe(1_000);
  });

  it('never takes a wallet below zero', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    const request = {
      accountId,
      amountCents: -1_001,
      reason: 'Chargeback',
      idempotencyKey: `adj:${accountId}`,
      admin: { id: randomUUID(), email: 'admin@example.com' },
    };
    await expectRefusedWithoutWrites(() => ledger.adjust(request), 'insufficient_funds');
  });

  it('requires a reason and an amount other than zero', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    const request = {
      accountId,
      amountCents: 100,
      reason: 'Goodwill',
      idempotencyKey: `adj:${accountId}`,
      admin: { id: randomUUID(), email: 'admin@example.com' },
    };
    await expectRefusedWithoutWrites(() => ledger.adjust({ ...request, reason: ' ' }), 'validation_failed');
    await expectRefusedWithoutWrites(() => ledger.adjust({ ...request, amountCents: 0 }), 'invalid_amount');
  });
});
