import fc from 'fast-check';
import { expect, it } from 'vitest';
import { newAccountId } from '../../../test/support/ledger';
import { createTestDatabase } from '../../../test/support/test-database';
import { systemClock } from '../../platform/clock.util';
import { createLogger } from '../../platform/logger.adapter';
import { createMetrics } from '../../platform/metrics.adapter';
import { createAuditModule } from '../audit';
import {
  createLedgerModule,
  type LedgerService,
  SYSTEM_ACCOUNT_CODES,
  type SystemAccountCode,
} from './index';

const WALLETS = 3;

type Operation =
  | { type: 'credit' | 'debit' | 'hold'; wallet: number; amount: number }
  | { type: 'transfer'; from: number; to: number; amount: number }
  | { type: 'capture'; hold: number; amount: number }
  | { type: 'release'; hold: number }
  | { type: 'replay' | 'conflict'; pick: number };

const wallet = fc.integer({ min: 0, max: WALLETS - 1 });
const amount = fc.integer({ min: 1, max: 400 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('credit' as const), wallet, amount }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('debit' as const), wallet, amount }) },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('transfer' as const), from: wallet, to: wallet, amount }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('hold' as const), wallet, amount }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('capture' as const), hold: fc.nat(), amount }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('release' as const), hold: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('replay' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('conflict' as const), pick: fc.nat() }) },
);

/** What the ledger should hold, kept by the simplest code that could be right. */
type Model = {
  wallets: { balance: number; held: number }[];
  system: Record<SystemAccountCode, number>;
  holds: {
    wallet: number;
    amount: number;
    id: string;
    status: 'active' | 'captured' | 'released';
    captured: number;
  }[];
  /** Requests that moved money or placed a hold, to repeat with their key: the same (replay) or changed (conflict). */
  keyed: { repeat: (changeAmount: boolean) => Promise<{ id: string; replayed: boolean }>; id: string }[];
};

type Outcome = { ok: true; id?: string; replayed?: boolean } | { ok: false; code: string };

async function outcomeOf(run: () => Promise<{ id: string; replayed: boolean }>): Promise<Outcome> {
  try {
    return { ok: true, ...(await run()) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code) throw error;
    return { ok: false, code };
  }
}

type Send = (amountCents: number) => Promise<{ id: string; replayed: boolean }>;

/** Keeps a request that used its key, to send it again unchanged (a replay) or with another amount (a conflict). */
function remember(model: Model, outcome: Outcome, send: Send, amount: number) {
  if (!outcome.ok || !outcome.id) return;
  model.keyed.push({ id: outcome.id, repeat: (change) => send(amount + (change ? 1 : 0)) });
}

/** Applies one operation to the ledger and to the model, and checks that they agree on its outcome. */
async function step(ledger: LedgerService, model: Model, owners: string[], op: Operation, key: string) {
  const available = (i: number) => (model.wallets[i]?.balance ?? 0) - (model.wallets[i]?.held ?? 0);
  const owner = (i: number) => owners[i] as string;
  const w = (i: number) => model.wallets[i] as { balance: number; held: number };

  switch (op.type) {
    case 'credit':
    case 'debit': {
      const request = (amountCents: number) => ({
        accountId: owner(op.wallet),
        amountCents,
        kind: op.type === 'credit' ? ('topup' as const) : ('call' as const),
        idempotencyKey: key,
      });
      const send = (amountCents: number) =>
        (op.type === 'credit'
          ? ledger.credit(request(amountCents))
          : ledger.debit(request(amountCents))
        ).then((r) => ({ id: r.transfer.id, replayed: r.replayed }));
      const outcome = await outcomeOf(() => send(op.amount));
      if (op.type === 'debit' && available(op.wallet) < op.amount)
        return expect(outcome).toEqual({ ok: false, code: 'insufficient_funds' });
      expect(outcome).toMatchObject({ ok: true, replayed: false });
      const sign = op.type === 'credit' ? 1 : -1;
      w(op.wallet).balance += sign * op.amount;
      model.system[op.type === 'credit' ? 'provider_cash' : 'call_revenue'] -= sign * op.amount;
      remember(model, outcome, send, op.amount);
      return;
    }
    case 'transfer': {
      const send = (amountCents: number) =>
        ledger
          .transfer({
            kind: 'adjustment',
            from: { wallet: owner(op.from) },
            to: { wallet: owner(op.to) },
            amountCents,
            idempotencyKey: key,
          })
          .then((r) => ({ id: r.transfer.id, replayed: r.replayed }));
      const outcome = await outcomeOf(() => send(op.amount));
      if (op.from === op.to) return expect(outcome).toEqual({ ok: false, code: 'validation_failed' });
      if (available(op.from) < op.amount)
        return expect(outcome).toEqual({ ok: false, code: 'insufficient_funds' });
      expect(outcome).toMatchObject({ ok: true, replayed: false });
      w(op.from).balance -= op.amount;
      w(op.to).balance += op.amount;
      remember(model, outcome, send, op.amount);
      return;
    }
    case 'hold': {
      const send = (amountCents: number) =>
        ledger
          .hold({
            accountId: owner(op.wallet),
            amountCents,
            idempotencyKey: key,
            expiresAt: new Date(Date.now() + 3600_000),
          })
          .then((r) => ({ id: r.hold.id, replayed: r.replayed }));
      const outcome = await outcomeOf(() => send(op.amount));
      if (available(op.wallet) < op.amount)
        return expect(outcome).toEqual({ ok: false, code: 'insufficient_funds' });
      expect(outcome).toMatchObject({ ok: true, replayed: false });
      if (!outcome.ok || !outcome.id) return;
      w(op.wallet).held += op.amount;
      model.holds.push({
        wallet: op.wallet,
        amount: op.amount,
        id: outcome.id,
        status: 'active',
        captured: 0,
      });
      remember(model, outcome, send, op.amount);
      return;
    }
    case 'capture': {
      const hold = model.holds[op.hold % Math.max(1, model.holds.length)];
      if (!hold) return;
      const outcome = await outcomeOf(() =>
        ledger
          .capture({ holdId: hold.id, amountCents: op.amount })
          .then((r) => ({ id: r.transfer.id, replayed: r.replayed })),
      );
      if (hold.status === 'captured' && hold.captured === op.amount)
        return expect(outcome).toMatchObject({ ok: true, replayed: true });
      if (hold.status !== 'active') return expect(outcome).toEqual({ ok: false, code: 'hold_settled' });
      if (op.amount > hold.amount) return expect(outcome).toEqual({ ok: false, code: 'invalid_amount' });
      expect(outcome).toMatchObject({ ok: true, replayed: false });
      w(hold.wallet).balance -= op.amount;
      w(hold.wallet).held -= hold.amount;
      model.system.call_revenue += op.amount;
      Object.assign(hold, { status: 'captured', captured: op.amount });
      return;
    }
    case 'release': {
      const hold = model.holds[op.hold % Math.max(1, model.holds.length)];
      if (!hold) return;
      const outcome = await outcomeOf(() =>
        ledger.release({ holdId: hold.id }).then((r) => ({ id: r.hold.id, replayed: r.replayed })),
      );
      if (hold.status === 'captured') return expect(outcome).toEqual({ ok: false, code: 'hold_settled' });
      expect(outcome).toMatchObject({ ok: true, replayed: hold.status === 'released' });
      if (hold.status === 'active') w(hold.wallet).held -= hold.amount;
      hold.status = 'released';
      return;
    }
    case 'replay':
    case 'conflict': {
      const earlier = model.keyed[op.pick % Math.max(1, model.keyed.length)];
      if (!earlier) return;
      const outcome = await outcomeOf(() => earlier.repeat(op.type === 'conflict'));
      if (op.type === 'conflict') return expect(outcome).toEqual({ ok: false, code: 'idempotency_conflict' });
      return expect(outcome).toEqual({ ok: true, id: earlier.id, replayed: true });
    }
  }
}

async function systemBalances(ledger: LedgerService) {
  const entries = await Promise.all(
    SYSTEM_ACCOUNT_CODES.map(
      async (code) => [code, (await ledger.balanceOf({ system: code })).balanceCents] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<SystemAccountCode, number>;
}

/**
 * Each sequence runs on a database of its own, so that a failing sequence cannot disturb the next ones and
 * fast-check shrinks it to a small counterexample.
 */
it('agrees with a simple model over random sequences of operations, and its books always balance', async () => {
  const logger = createLogger({ log: { level: 'silent' } });
  await fc.assert(
    fc.asyncProperty(
      fc.array(operation, { minLength: 1, maxLength: 40, size: 'max' }),
      async (operations) => {
        const database = await createTestDatabase({ maxConnections: 2 });
        try {
          const { service: ledger } = createLedgerModule({
            db: database.db,
            clock: systemClock,
            audit: createAuditModule({ db: database.db, clock: systemClock }).service,
            logger,
            metrics: createMetrics(),
          });
          const owners: string[] = [];
          for (let i = 0; i < WALLETS; i += 1) owners.push(await newAccountId(database.db));
          for (const owner of owners) await ledger.openWallet(owner);
          const model: Model = {
            wallets: owners.map(() => ({ balance: 0, held: 0 })),
            system: Object.fromEntries(SYSTEM_ACCOUNT_CODES.map((code) => [code, 0])) as Record<
              SystemAccountCode,
              number
            >,
            holds: [],
            keyed: [],
          };

          for (const [index, op] of operations.entries()) {
            await step(ledger, model, owners, op, `key-${index}`);
            for (const [i, owner] of owners.entries()) {
              const { balanceCents, heldCents } = await ledger.walletSummary(owner);
              expect({ balanceCents, heldCents }).toEqual({
                balanceCents: model.wallets[i]?.balance,
                heldCents: model.wallets[i]?.held,
              });
            }
          }

          expect(await systemBalances(ledger)).toEqual(model.system);
          expect(await ledger.reconcile()).toMatchObject({ mismatches: [], totalCents: 0 });
        } finally {
          await database.drop();
        }
      },
    ),
    // A failing sequence is shrunk for at most a minute: the smallest counterexample by then is reported.
    { numRuns: 30, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
  );
}, 120_000);
