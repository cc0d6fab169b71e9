import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedWallet } from '../../../test/support/ledger';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { waitFor } from '../../../test/support/wait';
import type { LedgerService } from './index';
import { postingsRepository } from './postings.repository';
import type { WalletMove } from './postings.statements';

let t: TestApp;
let ledger: LedgerService;
let callRevenue: string;
beforeAll(async () => {
  t = await createTestApp();
  ledger = t.modules.ledger.service;
  await fundedWallet(t.db, ledger, 1); // creates the system accounts
  const { rows } = await t.database.pool.query(
    `select id from ledger_accounts where system_code = 'call_revenue'`,
  );
  callRevenue = rows[0].id;
});
afterAll(async () => {
  await t.close();
});

function debit(owner: string, cents: number, key: string = randomUUID()): WalletMove {
  const details = { kind: 'call' as const, reference: null, memo: null, actor: 'system', now: new Date() };
  return { ...details, owner, delta: -cents, systemAccountId: callRevenue, idempotencyKey: key };
}

function credit(owner: string, cents: number): WalletMove {
  return { ...debit(owner, -cents), kind: 'adjustment' };
}

/** Each applied move's wallet balance after it, and the transfers' order in the books. */
function walletSides(outcomes: Awaited<ReturnType<typeof postingsRepository.moveWallets>>) {
  return outcomes.map((outcome) => {
    if (outcome.status !== 'applied') return null;
    const { row } = outcome;
    return {
      balanceAfter: row.debitBalanceAfterCents ?? row.creditBalanceAfterCents,
      seq: row.seq,
    };
  });
}

describe('a batch of wallet moves', () => {
  it('applies moves on one wallet in the order given, refusing the one that no longer fits', async () => {
    const owner = await fundedWallet(t.db, ledger, 1_000);
    const outcomes = await postingsRepository.moveWallets(t.db, [
      debit(owner, 600),
      debit(owner, 500),
      debit(owner, 400),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['applied', 'not_applied', 'applied']);
    const balances = outcomes.map((outcome) =>
      outcome.status === 'applied' ? outcome.row.debitBalanceAfterCents : null,
    );
    expect(balances).toEqual([400, null, 0]);
    expect((await ledger.walletSummary(owner)).balanceCents).toBe(0);
  });

  it('posts an affordable batch with each wallet’s balance after following the order given', async () => {
    const [first, second] = await Promise.all([
      fundedWallet(t.db, ledger, 1_000),
      fundedWallet(t.db, ledger, 500),
    ]);
    const moves = [
      debit(first, 100),
      credit(second, 50),
      debit(first, 200),
      credit(first, 30),
      debit(second, 500),
    ];
    const sides = walletSides(await postingsRepository.moveWallets(t.db, moves));
    expect(sides.map((side) => side?.balanceAfter)).toEqual([900, 550, 700, 730, 50]);
    // Each wallet's transfers are in the books in the order given.
    const [first1, second1, first2, first3, second2] = sides.map((side) => side?.seq ?? 0) as number[];
    expect(first1).toBeLessThan(first2 as number);
    expect(first2).toBeLessThan(first3 as number);
    expect(second1).toBeLessThan(second2 as number);
    expect((await ledger.walletSummary(first)).balanceCents).toBe(730);
    expect((await ledger.walletSummary(second)).balanceCents).toBe(50);
    expect((await ledger.reconcile()).mismatches).toEqual([]);
  });

  it('lets a debit use a credit posted before it in the same batch', async () => {
    const owner = await fundedWallet(t.db, ledger, 100);
    const outcomes = await postingsRepository.moveWallets(t.db, [credit(owner, 100), debit(owner, 150)]);
    expect(walletSides(outcomes).map((side) => side?.balanceAfter)).toEqual([200, 50]);
    expect((await ledger.walletSummary(owner)).balanceCents).toBe(50);
  });

  it('answers in the order given, whatever order it locks the wallets in', async () => {
    const owners = await Promise.all([1, 2, 3, 4].map(() => fundedWallet(t.db, ledger, 100)));
    const descending = [...owners].sort().reverse();
    const outcomes = await postingsRepository.moveWallets(
      t.db,
      descending.map((owner, index) => debit(owner, 10 * (index + 1))),
    );
    for (const [index, owner] of descending.entries()) {
      expect(outcomes[index]).toMatchObject({ status: 'applied', row: { amountCents: 10 * (index + 1) } });
      expect((await ledger.walletSummary(owner)).balanceCents).toBe(100 - 10 * (index + 1));
    }
  });

  it('moves money once for a key repeated within the batch or already used, and never for an unknown wallet', async () => {
    const owner = await fundedWallet(t.db, ledger, 1_000);
    const used = await ledger.debit({
      accountId: owner,
      amountCents: 1,
      kind: 'call',
      idempotencyKey: `used:${owner}`,
    });
    const outcomes = await postingsRepository.moveWallets(t.db, [
      debit(owner, 100, `twice:${owner}`),
      debit(owner, 100, `twice:${owner}`),
      debit(owner, 1, `used:${owner}`),
      debit(randomUUID(), 100),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'applied',
      'duplicate_key',
      'duplicate_key',
      'not_applied',
    ]);
    expect((await ledger.walletSummary(owner)).balanceCents).toBe(1_000 - used.transfer.amountCents - 100);
    expect((await ledger.reconcile()).mismatches).toEqual([]);
  });

  it('answers a key that another transaction commits meanwhile as a duplicate, and posts the rest', async () => {
    const [elsewhere, owner, other] = await Promise.all(
      [1, 2, 3].map(() => fundedWallet(t.db, ledger, 1_000)),
    );
    const key = `raced:${owner}`;
    const racer = await t.database.pool.connect();
    try {
      // The other transaction posts the key first, and commits only once the batch waits for it.
      await racer.query('begin');
      await racer.query({
        text:
          'select * from ledger_move_wallets(array[$1::uuid], array[-1::bigint], array[$2::uuid], ' +
          "array['call'], array[$3], array[null], array[null], array['system'], array[now()])",
        values: [elsewhere, callRevenue, key],
      });
      const batch = postingsRepository.moveWallets(t.db, [
        debit(owner as string, 10, key),
        debit(other as string, 10),
      ]);
      await waitFor(async () => {
        const { rows } = await t.database.pool.query<{ waiting: number }>(
          `select count(*)::int as waiting from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
        );
        return (rows[0]?.waiting ?? 0) > 0 ? true : undefined;
      });
      await racer.query('commit');
      expect((await batch).map((outcome) => outcome.status)).toEqual(['duplicate_key', 'applied']);
    } finally {
      racer.release();
    }
    expect((await ledger.walletSummary(owner as string)).balanceCents).toBe(1_000);
    expect((await ledger.walletSummary(other as string)).balanceCents).toBe(990);
    expect((await ledger.reconcile()).mismatches).toEqual([]);
  });
});
