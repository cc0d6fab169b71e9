import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { expect } from 'vitest';
import type { Executor } from '../../src/db/client.adapter';
import { accounts } from '../../src/modules/identity/tables';
import type { LedgerService } from '../../src/modules/ledger';

/** Everything the ledger has written, summed: equal before and after means nothing was written. */
export async function ledgerFootprint(pool: pg.Pool) {
  const { rows } = await pool.query<{ transfers: string; holds: string; balances: string; held: string }>(`
    select (select count(*) from transfers) as transfers,
           (select count(*) from holds) as holds,
           (select coalesce(sum(balance_cents), 0) from ledger_accounts) as balances,
           (select coalesce(sum(held_cents), 0) from ledger_accounts) as held`);
  const [row] = rows;
  if (!row) throw new Error('no footprint');
  return {
    transfers: Number(row.transfers),
    holds: Number(row.holds),
    balances: Number(row.balances),
    held: Number(row.held),
  };
}

/** An identity account for a wallet to belong to (wallets reference accounts). */
export async function newAccountId(db: Executor): Promise<string> {
  const [row] = await db
    .insert(accounts)
    .values({ kind: 'individual', name: `Ledger test ${randomUUID().slice(0, 8)}` })
    .returning({ id: accounts.id });
  if (!row) throw new Error('no account created');
  return row.id;
}

/** A new wallet holding `cents`, credited as a top-up; returns the owner's account id. */
export async function fundedWallet(db: Executor, ledger: LedgerService, cents: number): Promise<string> {
  const accountId = await newAccountId(db);
  await ledger.openWallet(accountId);
  if (cents > 0)
    await ledger.credit({
      accountId,
      amountCents: cents,
      kind: 'topup',
      idempotencyKey: `fund:${accountId}`,
    });
  return accountId;
}

/** The code of the AppError a promise rejects with. */
export async function refusal(promise: Promise<unknown>): Promise<{ code: string; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; details?: unknown };
  }
  throw new Error('expected a refusal, but it succeeded');
}

/** Runs `attempt`, expects it refused with `code`, and checks that the ledger wrote nothing at all. */
export async function expectRefusedWithoutWrites(
  pool: pg.Pool,
  attempt: () => Promise<unknown>,
  code: string,
) {
  const before = await ledgerFootprint(pool);
  expect((await refusal(attempt())).code).toBe(code);
  expect(await ledgerFootprint(pool)).toEqual(before);
}

/** A clock that tests move by hand. */
export function manualClock(start = new Date('2026-03-01T10:00:00Z')) {
  let current = start;
  return {
    now: () => current,
    set(to: Date) {
      current = to;
    },
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}
