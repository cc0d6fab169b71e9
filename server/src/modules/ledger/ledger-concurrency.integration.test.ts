import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedWallet } from '../../../test/support/ledger';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { systemClock } from '../../platform/clock.util';
import { createLogger } from '../../platform/logger.adapter';
import { createMetrics } from '../../platform/metrics.adapter';
import { createAuditModule } from '../audit';
import { createLedgerModule, type LedgerService } from './index';
import { POSTING_BATCHES_IN_FLIGHT } from './ledger.service';

const WORKERS = 32;

let database: TestDatabase;
let ledger: LedgerService;
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 40 });
  ledger = createLedgerModule({
    db: database.db,
    clock: systemClock,
    audit: createAuditModule({ db: database.db, clock: systemClock }).service,
    logger: createLogger({ log: { level: 'silent' } }),
    metrics: createMetrics(),
  }).service;
});
afterAll(async () => {
  await database.drop();
});

/**
 * Runs `tasks` on WORKERS concurrent workers and returns each task's outcome: what it returned, or the code
 * of the AppError it was refused with. Also reports how many tasks were in flight at once, at most.
 */
async function race<T>(tasks: (() => Promise<T>)[]) {
  const outcomes: ({ ok: true; value: T } | { ok: false; code: string })[] = new Array(tasks.length);
  let next = 0;
  let inFlight = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (let index = next++; index < tasks.length; index = next++) {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        try {
          outcomes[index] = { ok: true, value: await (tasks[index] as () => Promise<T>)() };
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (!code) throw error;
          outcomes[index] = { ok: false, code };
        } finally {
          inFlight -= 1;
        }
      }
    }),
  );
  return { outcomes, peak };
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * Holds the wallet's row lock until every one of `run`'s requests is waiting for it, so that they all read the
 * ledger before any of them writes: the worst case for an idempotency key sent several times at once.
 */
async function whileWalletLocked<T>(accountId: string, waiting: number, run: () => Promise<T>): Promise<T> {
  const blocker = await database.pool.connect();
  try {
    await blocker.query('begin');
    await blocker.query('select 1 from ledger_accounts where account_id = $1 for update', [accountId]);
    const running = run();
    const deadline = Date.now() + 10_000;
    for (;;) {
      // Asked outside the blocker's transaction, which would keep seeing its first snapshot of the activity.
      const { rows } = await database.pool.query<{ waiting: number }>(
        `select count(*)::int as waiting from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if ((rows[0]?.waiting ?? 0) >= waiting) break;
      if (Date.now() > deadline) throw new Error(`only ${rows[0]?.waiting} requests waited for the wallet`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await blocker.query('commit');
    return await running;
  } catch (error) {
    await blocker.query('rollback');
    throw error;
  } finally {
    blocker.release();
  }
}

async function expectBooksBalance() {
  expect(await ledger.reconcile()).toMatchObject({ mismatches: [], totalCents: 0 });
}

describe(`${WORKERS} connections at once`, () => {
  it('debit one wallet with repeated keys: each key moves money once, and the balance is exact', async () => {
    const accountId = await fundedWallet(database.db, ledger, 5_000);
    // 200 keys, each always sent with the same amount, 4 times over: more than the wallet can pay.
    const amountOf = (key: number) => 1 + ((key * 37) % 97);
    const keys = shuffle(Array.from({ length: 800 }, (_, i) => i % 200));
    const { outcomes, peak } = await race(
      keys.map(
        (key) => () =>
          ledger.debit({
            accountId,
            amountCents: amountOf(key),
            kind: 'call',
            idempotencyKey: `race:${key}`,
          }),
      ),
    );
    expect(peak).toBe(WORKERS);

    const { rows } = await database.pool.query<{ idempotency_key: string; id: string; amount_cents: string }>(
      `select idempotency_key, id, amount_cents from transfers where idempotency_key like 'race:%'`,
    );
    const moved = new Map(rows.map((row) => [row.idempotency_key, row]));
    const spent = rows.reduce((sum, row) => sum + Number(row.amount_cents), 0);
    expect((await ledger.walletSummary(accountId)).balanceCents).toBe(5_000 - spent);
    expect(spent).toBeLessThanOrEqual(5_000);
    expect(outcomes.some((outcome) => !outcome.ok && outcome.code === 'insufficient_funds')).toBe(true);

    for (const [index, key] of keys.entries()) {
      const outcome = outcomes[index];
      const row = moved.get(`race:${key}`);
      if (outcome?.ok) expect(outcome.value.transfer.id).toBe(row?.id);
      else expect(outcome?.code).toBe('insufficient_funds');
    }
    for (let key = 0; key < 200; key += 1) {
      const applied = keys.filter((k, index) => {
        const outcome = outcomes[index];
        return k === key && outcome?.ok && !outcome.value.replayed;
      }).length;
      expect(applied).toBe(moved.has(`race:${key}`) ? 1 : 0);
    }
    await expectBooksBalance();
  });

  it('send one key from every connection at once: one moves the money, the others get its result back', async () => {
    const accountId = await fundedWallet(database.db, ledger, 1_000);
    const expiresAt = new Date(Date.now() + 3600_000);
    // Debits are posted in batches, at most POSTING_BATCHES_IN_FLIGHT at a time: those are the ones that wait,
    // while the other requests queue behind them and are posted in the next batch.
    const debits = await whileWalletLocked(accountId, POSTING_BATCHES_IN_FLIGHT, () =>
      race(
        Array.from(
          { length: WORKERS },
          () => () =>
            ledger.debit({ accountId, amountCents: 100, kind: 'call', idempotencyKey: 'same-instant' }),
        ),
      ),
    );
    const holds = await whileWalletLocked(accountId, WORKERS, () =>
      race(
        Array.from(
          { length: WORKERS },
          () => () => ledger.hold({ accountId, amountCents: 100, idempotencyKey: 'same-instant', expiresAt }),
        ),
      ),
    );
    for (const { outcomes } of [debits, holds]) {
      const results = outcomes.map((outcome) => (outcome.ok ? outcome.value : outcome.code));
      expect(results.filter((result) => typeof result === 'object' && !result.replayed)).toHaveLength(1);
      expect(results.filter((result) => typeof result === 'object' && result.replayed)).toHaveLength(
        WORKERS - 1,
      );
    }
    const ids = debits.outcomes.map((outcome) => (outcome.ok ? outcome.value.transfer.id : undefined));
    expect(new Set(ids).size).toBe(1);
    expect(await ledger.walletSummary(accountId)).toMatchObject({ balanceCents: 900, heldCents: 100 });
    await expectBooksBalance();
  });

  it('move money both ways between wallets without deadlocks or lost cents', async () => {
    const wallets = await Promise.all([0, 1, 2, 3].map(() => fundedWallet(database.db, ledger, 1_000)));
    const { outcomes } = await race(
      Array.from({ length: 600 }, (_, i) => () => {
        const from = wallets[i % 4] as string;
        const to = wallets[(i + 1 + (i % 3)) % 4] as string;
        return ledger.transfer({
          kind: 'adjustment',
          from: { wallet: from },
          to: { wallet: to },
          amountCents: 1 + (i % 50),
          idempotencyKey: `swap:${i}`,
        });
      }),
    );
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.code !== 'insufficient_funds')).toEqual([]);
    const balances = await Promise.all(
      wallets.map(async (w) => (await ledger.walletSummary(w)).balanceCents),
    );
    expect(balances.reduce((sum, cents) => sum + cents, 0)).toBe(4_000);
    expect(Math.min(...balances)).toBeGreaterThanOrEqual(0);
    await expectBooksBalance();
  });

  it('place holds and debits against the same funds without ever overcommitting them', async () => {
    const accountId = await fundedWallet(database.db, ledger, 5_000);
    const expiresAt = new Date(Date.now() + 3600_000);
    const { outcomes } = await race<unknown>(
      Array.from(
        { length: 400 },
        (_, i) => () =>
          i % 2 === 0
            ? ledger.hold({ accountId, amountCents: 1 + (i % 60), idempotencyKey: `reserve:${i}`, expiresAt })
            : ledger.debit({
                accountId,
                amountCents: 1 + (i % 60),
                kind: 'call',
                idempotencyKey: `spend:${i}`,
              }),
      ),
    );
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.code !== 'insufficient_funds')).toEqual([]);
    const wallet = await ledger.walletSummary(accountId);
    expect(wallet.availableCents).toBeGreaterThanOrEqual(0);
    expect(wallet.availableCents).toBeLessThan(60);
    await expectBooksBalance();
  });

  it('race captures and releases of the same holds: each hold ends once, in one way', async () => {
    const accountId = await fundedWallet(database.db, ledger, 100_000);
    const expiresAt = new Date(Date.now() + 3600_000);
    const holds = [];
    for (let i = 0; i < 64; i += 1) {
      const { hold } = await ledger.hold({
        accountId,
        amountCents: 100 + i,
        idempotencyKey: `call:${i}`,
        expiresAt,
      });
      holds.push(hold);
    }
    const attempts = shuffle(
      holds.flatMap((hold) => [
        { holdId: hold.id, action: 'capture' as const, amountCents: 50 },
        { holdId: hold.id, action: 'capture' as const, amountCents: 50 },
        { holdId: hold.id, action: 'capture' as const, amountCents: 60 },
        { holdId: hold.id, action: 'release' as const, amountCents: 0 },
        { holdId: hold.id, action: 'release' as const, amountCents: 0 },
      ]),
    );
    const { outcomes } = await race(
      attempts.map(
        ({ holdId, action, amountCents }) =>
          async () =>
            action === 'capture'
              ? (await ledger.capture({ holdId, amountCents })).replayed
              : (await ledger.release({ holdId })).replayed,
      ),
    );

    const { rows } = await database.pool.query<{ id: string; status: string; captured_cents: string | null }>(
      `select h.id, h.status, t.amount_cents as captured_cents
         from holds h left join transfers t on t.hold_id = h.id
        where h.id = any($1)`,
      [holds.map((hold) => hold.id)],
    );
    expect(rows).toHaveLength(64);
    let captured = 0;
    for (const row of rows) {
      const mine = attempts.map((attempt, index) => ({ attempt, outcome: outcomes[index] }));
      const forHold = mine.filter(({ attempt }) => attempt.holdId === row.id);
      const applied = forHold.filter(({ outcome }) => outcome?.ok && outcome.value === false);
      expect(applied).toHaveLength(1);
      const winner = applied[0]?.attempt;
      expect(row.status).toBe(winner?.action === 'capture' ? 'captured' : 'released');
      expect(row.captured_cents === null ? null : Number(row.captured_cents)).toBe(
        winner?.action === 'capture' ? winner.amountCents : null,
      );
      for (const { attempt, outcome } of forHold) {
        const same = attempt.action === winner?.action && attempt.amountCents === winner.amountCents;
        expect(outcome).toEqual(
          same ? { ok: true, value: attempt !== winner } : { ok: false, code: 'hold_settled' },
        );
      }
      captured += Number(row.captured_cents ?? 0);
    }
    expect(await ledger.walletSummary(accountId)).toMatchObject({
      balanceCents: 100_000 - captured,
      heldCents: 0,
    });
    await expectBooksBalance();
  });
});
