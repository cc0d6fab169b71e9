import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../server/src/db/client.adapter';
import { startEmbeddedPostgres } from '../server/src/db/embedded-postgres.adapter';
import { runMigrations } from '../server/src/db/migrate.util';
import { createAuditModule } from '../server/src/modules/audit';
import { createLedgerModule } from '../server/src/modules/ledger';
import { systemClock } from '../server/src/platform/clock.util';
import { createLogger } from '../server/src/platform/logger.adapter';
import { createMetrics } from '../server/src/platform/metrics.adapter';
import { freePort } from '../server/test/support/free-port';
import { report } from './support/load';

// Ledger transfers (calls debited through the ledger service: validation, idempotency, batching) against
// the ceiling of the same database: a bare `UPDATE … SET balance = balance - 1` of a wallet row, with the
// same 16 concurrent clients, (a) all on one hot wallet and (b) spread over 1,000
// wallets. The bare updates run on a copy of the wallet rows (same table shape, indexes and CHECKs), so that
// the ledger's books stay exact and can be reconciled at the end. The database is durable (fsync on), as in
// production. Both loops use prepared statements, and they alternate in short rounds so that both see the same
// machine (other work on a shared machine otherwise skews one of them).
const CLIENTS = 16;
const WALLETS = 1000;
const ROUNDS = 6;
const SECONDS = 1.5;

type Sample = { operations: number; seconds: number; latenciesMs: number[] };

async function drive(
  pick: () => string,
  operation: (accountId: string) => Promise<unknown>,
  seconds: number,
) {
  const latenciesMs: number[] = [];
  let operations = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const begin = performance.now();
        await operation(pick());
        latenciesMs.push(performance.now() - begin);
        operations += 1;
      }
    }),
  );
  return { operations, seconds: (performance.now() - started) / 1000, latenciesMs };
}

function summarise(samples: Sample[]) {
  const operations = samples.reduce((sum, sample) => sum + sample.operations, 0);
  const seconds = samples.reduce((sum, sample) => sum + sample.seconds, 0);
  const latencies = samples.flatMap((sample) => sample.latenciesMs).sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
  return { throughput: operations / seconds, p99 };
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'mobayilo-bench-ledger-'));
const server = await startEmbeddedPostgres({
  dataDir: path.join(dir, 'postgres'),
  port: await freePort(),
  database: 'mobayilo',
});
const logger = createLogger({ log: { level: 'error' } });
const database = createDatabase({ url: server.url, logger, maxConnections: CLIENTS });
try {
  await runMigrations(database.pool);
  const ledger = createLedgerModule({
    db: database.db,
    clock: systemClock,
    audit: createAuditModule({ db: database.db, clock: systemClock }).service,
    logger,
    metrics: createMetrics(),
  });
  const ledgerService = ledger.service;

  // Wallets belong to identity accounts: make the accounts first, in one statement.
  const created = await database.pool.query<{ id: string }>(
    "insert into accounts (kind, name) select 'individual', 'bench ' || n from generate_series(1, $1) as n returning id",
    [WALLETS + 1],
  );
  const owners = created.rows.map((row) => row.id);
  for (const owner of owners) {
    await ledgerService.openWallet(owner);
    await ledgerService.credit({
      accountId: owner,
      amountCents: 1_000_000_000,
      kind: 'topup',
      idempotencyKey: `bench-topup:${owner}`,
    });
  }
  await database.pool.query(`create table bare_wallets (like ledger_accounts including all)`);
  await database.pool.query(`insert into bare_wallets select * from ledger_accounts where kind = 'wallet'`);
  await database.pool.query('vacuum analyze');

  const [hot, ...spread] = owners as [string, ...string[]];
  const cases = [
    { name: 'hot_wallet', pick: () => hot },
    { name: 'spread_1000_wallets', pick: () => spread[Math.floor(Math.random() * spread.length)] as string },
  ];

  let sequence = 0;
  const transfer = (accountId: string) => {
    sequence += 1;
    return ledgerService.debit({
      accountId,
      amountCents: 1,
      kind: 'call',
      idempotencyKey: `bench:${sequence}`,
      reference: 'CA-bench',
    });
  };
  const bareUpdate = (accountId: string) =>
    database.pool.query({
      name: 'bench_bare_update',
      text: 'update bare_wallets set balance_cents = balance_cents - 1 where account_id = $1',
      values: [accountId],
    });

  for (const { name, pick } of cases) {
    await drive(pick, transfer, 1); // warm-up: connections, prepared statements, caches
    await drive(pick, bareUpdate, 1);
    const ledgerSamples: Sample[] = [];
    const bareSamples: Sample[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      ledgerSamples.push(await drive(pick, transfer, SECONDS));
      bareSamples.push(await drive(pick, bareUpdate, SECONDS));
    }
    const ledgerResult = summarise(ledgerSamples);
    const bareResult = summarise(bareSamples);
    report(`ledger.${name}.throughput`, Math.round(ledgerResult.throughput), 'transfers/s');
    report(`ledger.${name}.p99`, ledgerResult.p99, 'ms');
    report(`bare_update.${name}.throughput`, Math.round(bareResult.throughput), 'updates/s');
    report(`bare_update.${name}.p99`, bareResult.p99, 'ms');
    report(
      `ledger.${name}.vs_bare_update`,
      Math.round((100 * ledgerResult.throughput) / bareResult.throughput),
      '%',
    );
  }

  const reconciliation = await ledgerService.reconcile('manual');
  report('ledger.transfers_checked', reconciliation.transfersChecked, 'transfers');
  report('ledger.reconciliation_mismatches', reconciliation.mismatches.length, 'mismatches');
} finally {
  await database.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
