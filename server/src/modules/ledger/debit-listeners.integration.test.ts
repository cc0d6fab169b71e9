import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedWallet } from '../../../test/support/ledger';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { systemClock } from '../../platform/clock.util';
import { createLogger } from '../../platform/logger.adapter';
import { createMetrics } from '../../platform/metrics.adapter';
import { createAuditModule } from '../audit';
import { createLedgerModule, type LedgerService } from './index';

describe('wallet debit listeners', () => {
  let database: TestDatabase;
  let ledger: LedgerService;
  const heard: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    ledger = createLedgerModule({
      db: database.db,
      clock: systemClock,
      audit: createAuditModule({ db: database.db, clock: systemClock }).service,
      logger: createLogger({ log: { level: 'silent' } }),
      metrics: createMetrics(),
    }).service;
    ledger.onWalletDebited(async (accountId) => {
      heard.push(accountId);
    });
    ledger.onWalletDebited(async () => {
      throw new Error('a broken listener');
    });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('hears every debit and capture once, never a credit or a replay, and survives a failing listener', async () => {
    const accountId = await fundedWallet(database.db, ledger, 1_000);
    expect(heard).toEqual([]);

    const debit = {
      accountId,
      amountCents: 100,
      kind: 'call' as const,
      idempotencyKey: `call:${randomUUID()}`,
    };
    expect((await ledger.debit(debit)).replayed).toBe(false);
    expect((await ledger.debit(debit)).replayed).toBe(true);
    expect(heard).toEqual([accountId]);

    const { hold } = await ledger.hold({
      accountId,
      amountCents: 300,
      idempotencyKey: `call-hold:${randomUUID()}`,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    expect(heard).toHaveLength(1);
    await ledger.capture({ holdId: hold.id, amountCents: 120 });
    await ledger.capture({ holdId: hold.id, amountCents: 120 });
    expect(heard).toEqual([accountId, accountId]);
    expect((await ledger.walletSummary(accountId)).balanceCents).toBe(1_000 - 100 - 120);
  });
});
