import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fundedWallet,
  expectRefusedWithoutWrites as refusedWithoutWrites,
} from '../../../test/support/ledger';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import type { LedgerService } from './index';

/** What the ledger refuses, at the service and in the database itself, and that it then writes nothing. */
let t: TestApp;
let ledger: LedgerService;
beforeAll(async () => {
  t = await createTestApp();
  ledger = t.modules.ledger.service;
});
afterAll(async () => {
  await t.close();
});

function expectRefusedWithoutWrites(attempt: () => Promise<unknown>, code: string) {
  return refusedWithoutWrites(t.database.pool, attempt, code);
}

describe('bad input', () => {
  const valid = () => ({
    accountId: randomUUID(),
    amountCents: 100,
    kind: 'call' as const,
    idempotencyKey: `call:${randomUUID()}`,
  });

  it.each([
    ['negative', -100],
    ['zero', 0],
    ['fractional', 99.5],
    ['huge (beyond 2^53)', 2 ** 53 + 2],
    ['not a number', Number.NaN],
    ['non-numeric', '100' as unknown as number],
  ])('refuses a %s amount as invalid_amount, writing nothing', async (_name, amountCents) => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    await expectRefusedWithoutWrites(
      () => ledger.debit({ ...valid(), accountId, amountCents }),
      'invalid_amount',
    );
    await expectRefusedWithoutWrites(
      () => ledger.credit({ ...valid(), accountId, amountCents }),
      'invalid_amount',
    );
  });

  it('refuses unknown accounts as unknown_ledger_account, writing nothing', async () => {
    await expectRefusedWithoutWrites(() => ledger.debit(valid()), 'unknown_ledger_account');
    await expectRefusedWithoutWrites(() => ledger.credit(valid()), 'unknown_ledger_account');
    await expectRefusedWithoutWrites(
      () =>
        ledger.transfer({
          ...valid(),
          from: { system: 'petty_cash' as 'write_offs' },
          to: { system: 'call_revenue' },
        }),
      'unknown_ledger_account',
    );
  });

  it.each([
    ['a missing idempotency key', { idempotencyKey: undefined as unknown as string }],
    ['a blank idempotency key', { idempotencyKey: '   ' }],
    ['an unknown kind', { kind: 'gift' as 'call' }],
    ['an account id that is not a uuid', { accountId: 'acct_1' }],
  ])('refuses %s as validation_failed, writing nothing', async (_name, change) => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    await expectRefusedWithoutWrites(
      () => ledger.debit({ ...valid(), accountId, ...change }),
      'validation_failed',
    );
  });

  it('refuses a transfer from an account to itself', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    await expectRefusedWithoutWrites(
      () => ledger.transfer({ ...valid(), from: { wallet: accountId }, to: { wallet: accountId } }),
      'validation_failed',
    );
  });
});

describe('the database itself', () => {
  it('refuses to change or delete transfers, whoever asks', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    const pool = t.database.pool;
    await expect(pool.query('update transfers set amount_cents = 1')).rejects.toThrow(
      /transfers are immutable.*UPDATE is not allowed/,
    );
    await expect(pool.query('delete from transfers')).rejects.toThrow(
      /transfers are immutable.*DELETE is not allowed/,
    );
    await expect(pool.query('truncate transfers cascade')).rejects.toThrow(
      /transfers are immutable.*TRUNCATE is not allowed/,
    );
    expect((await ledger.walletSummary(accountId)).balanceCents).toBe(1_000);
  });

  it('keeps ledger accounts forever: they cannot be deleted or re-keyed', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    const pool = t.database.pool;
    const where = [accountId];
    await expect(pool.query('delete from ledger_accounts where account_id = $1', where)).rejects.toThrow(
      /permanent/,
    );
    await expect(
      pool.query('update ledger_accounts set account_id = gen_random_uuid() where account_id = $1', where),
    ).rejects.toThrow(/permanent/);
    await expect(pool.query('truncate ledger_accounts cascade')).rejects.toThrow(/permanent|immutable/);
    expect((await ledger.walletSummary(accountId)).balanceCents).toBe(1_000);
  });

  it('refuses to overdraw a wallet even when written to directly', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    await expect(
      t.database.pool.query('update ledger_accounts set held_cents = 1001 where account_id = $1', [
        accountId,
      ]),
    ).rejects.toThrow(/ledger_accounts_available_non_negative/);
    await expect(
      t.database.pool.query('update ledger_accounts set balance_cents = -1 where account_id = $1', [
        accountId,
      ]),
    ).rejects.toThrow(/ledger_accounts_available_non_negative/);
  });

  it('refuses a second transfer with an idempotency key already used', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    await expect(
      t.database.pool.query(
        `insert into transfers (kind, debit_account_id, credit_account_id, amount_cents, idempotency_key, actor, created_at)
         select kind, credit_account_id, debit_account_id, amount_cents, idempotency_key, actor, now()
           from transfers where idempotency_key = $1`,
        [`fund:${accountId}`],
      ),
    ).rejects.toThrow(/transfers_idempotency_key_unique/);
  });
});
