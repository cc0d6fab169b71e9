import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedWallet } from '../../../test/support/ledger';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
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
});
