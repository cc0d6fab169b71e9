import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fundedWallet } from '../../../test/support/ledger';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { systemClock } from '../../platform/clock.util';
import { createLogger } from '../../platform/logger.adapter';
import { createMetrics } from '../../platform/metrics.adapter';
import { createAuditModule } from '../audit';
import { createLedgerModule, type LedgerService } from './index';

let t: TestApp;
let ledger: LedgerService;
const logLines: { level: number; msg: string; mismatch?: unknown }[] = [];
const metrics = createMetrics();

beforeAll(async () => {
  t = await createTestApp({ work: true });
  // The same ledger over the same database, with a logger and metrics this test can read.
  const logger = createLogger(
    { log: { level: 'info' } },
    { write: (line: string) => void logLines.push(JSON.parse(line)) },
  );
  ledger = createLedgerModule({
    db: t.db,
    clock: systemClock,
    logger,
    metrics,
    audit: createAuditModule({ db: t.db, clock: systemClock }).service,
  }).service;
  for (let i = 0; i < 3; i += 1) {
    const accountId = await fundedWallet(t.db, ledger, 10_000);
    await ledger.debit({ accountId, amountCents: 1_234, kind: 'call', idempotencyKey: `call:${accountId}` });
    await ledger.hold({
      accountId,
      amountCents: 500,
      idempotencyKey: `hold-call:${accountId}`,
      expiresAt: new Date(Date.now() + 3600_000),
    });
  }
});
afterEach(() => {
  logLines.length = 0;
});
afterAll(async () => {
  await t.close();
});

async function gauge(name: string) {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return metric?.values[0]?.value;
}

/** Changes a transfer with the immutability trigger off, as the tables' owner (or a broken migration) could. */
async function tamper(sql: string, params: unknown[]) {
  const client = await t.database.pool.connect();
  try {
    await client.query('begin');
    await client.query('alter table transfers disable trigger transfers_immutable_rows');
    await client.query(sql, params);
    await client.query('alter table transfers enable trigger transfers_immutable_rows');
    await client.query('commit');
  } finally {
    client.release();
  }
}

it('finds nothing wrong with books kept by the ledger, and keeps the run for admins', async () => {
  const run = await ledger.reconcile('manual');
  expect(run).toMatchObject({ trigger: 'manual', mismatches: [], totalCents: 0 });
  expect(run.accountsChecked).toBeGreaterThanOrEqual(3 + 5);
  expect(run.transfersChecked).toBe(6);
  expect(await gauge('ledger_reconciliation_mismatches')).toBe(0);
  expect((await ledger.listReconciliations())[0]?.id).toBe(run.id);
  expect(logLines.filter((line) => line.level >= 50)).toEqual([]);
});

describe('a corrupted ledger', () => {
  it('reports a cached balance that differs from the sum of its transfers', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    await t.database.pool.query(
      'update ledger_accounts set balance_cents = balance_cents + 7 where account_id = $1',
      [accountId],
    );
    const run = await ledger.reconcile('manual');
    expect(run.mismatches).toEqual([
      expect.objectContaining({ check: 'balance', accountId, cachedCents: 1_007, expectedCents: 1_000 }),
      { check: 'zero_sum', totalCents: 7 },
    ]);
    expect(await gauge('ledger_reconciliation_mismatches')).toBe(2);
    const errors = logLines.filter((line) => line.level === 50);
    expect(errors.map((line) => line.msg)).toEqual([
      'ledger reconciliation mismatch',
      'ledger reconciliation mismatch',
    ]);
    expect(errors[0]?.mismatch).toMatchObject({ check: 'balance', accountId });
    expect((await ledger.listReconciliations(1))[0]?.mismatches).toEqual(run.mismatches);

    await t.database.pool.query(
      'update ledger_accounts set balance_cents = balance_cents - 7 where account_id = $1',
      [accountId],
    );
    expect((await ledger.reconcile()).mismatches).toEqual([]);
    expect(await gauge('ledger_reconciliation_mismatches')).toBe(0);
  });

  it('reports a held amount that differs from the wallet’s active holds', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    await t.database.pool.query('update ledger_accounts set held_cents = 10 where account_id = $1', [
      accountId,
    ]);
    const run = await ledger.reconcile();
    expect(run.mismatches).toEqual([
      expect.objectContaining({ check: 'held', accountId, cachedCents: 10, expectedCents: 0 }),
    ]);
    await t.database.pool.query('update ledger_accounts set held_cents = 0 where account_id = $1', [
      accountId,
    ]);
  });

  it('reports a transfer altered behind the immutability trigger', async () => {
    const accountId = await fundedWallet(t.db, ledger, 1_000);
    const { transfer } = await ledger.debit({
      accountId,
      amountCents: 100,
      kind: 'call',
      idempotencyKey: `tampered:${accountId}`,
    });
    await tamper('update transfers set amount_cents = 90 where id = $1', [transfer.id]);
    const run = await ledger.reconcile();
    expect(run.mismatches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'balance', accountId, cachedCents: 900, expectedCents: 910 }),
        expect.objectContaining({ check: 'chain', accountId, transferId: transfer.id, recordedCents: 900 }),
      ]),
    );
    await tamper('update transfers set amount_cents = 100 where id = $1', [transfer.id]);
    expect((await ledger.reconcile()).mismatches).toEqual([]);
  });

  it('reports transfers that name an account which does not exist', async () => {
    const [cash] = (
      await t.database.pool.query(`select id from ledger_accounts where system_code = 'provider_cash'`)
    ).rows as { id: string }[];
    const ghost = '00000000-0000-4000-8000-000000000000';
    await t.database.pool.query(
      `insert into transfers (kind, debit_account_id, credit_account_id, amount_cents, idempotency_key, actor, created_at)
       values ('topup', $1, $2, 250, 'ghost', 'intruder', now())`,
      [cash?.id, ghost],
    );
    const run = await ledger.reconcile();
    expect(run.mismatches).toEqual([
      { check: 'unknown_account', ledgerAccountId: ghost, expectedCents: 250 },
      { check: 'zero_sum', totalCents: -250 },
    ]);
    await tamper(`delete from transfers where idempotency_key = 'ghost'`, []);
    expect((await ledger.reconcile()).mismatches).toEqual([]);
  });
});

it('sees consistent books while transfers keep running', async () => {
  const wallets = await Promise.all([1, 2, 3, 4].map(() => fundedWallet(t.db, ledger, 100_000)));
  let running = true;
  const load = wallets.map(async (accountId) => {
    for (let i = 0; running; i += 1)
      await ledger.debit({
        accountId,
        amountCents: 1,
        kind: 'call',
        idempotencyKey: `load:${accountId}:${i}`,
      });
  });
  const runs = [];
  for (let i = 0; i < 5; i += 1) runs.push(await ledger.reconcile());
  running = false;
  await Promise.all(load);
  expect(runs.flatMap((run) => run.mismatches)).toEqual([]);
  expect(new Set(runs.map((run) => run.transfersChecked)).size).toBeGreaterThan(1);
});

it('reconciles on demand when the queue delivers the job', async () => {
  const before = (await ledger.listReconciliations(100)).length;
  await t.jobs.send(t.modules.ledger.reconcileJob, { trigger: 'manual' });
  const deadline = Date.now() + 10_000;
  while ((await ledger.listReconciliations(100)).length === before && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  expect((await ledger.listReconciliations(1))[0]).toMatchObject({ trigger: 'manual', mismatches: [] });
});
