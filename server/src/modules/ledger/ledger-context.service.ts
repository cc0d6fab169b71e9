import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import { isAppError } from '../../platform/errors/app.errors';
import type { Logger } from '../../platform/logger.adapter';
import type { Metrics } from '../../platform/metrics.adapter';
import type { AuditRecorder } from '../audit';
import { SYSTEM_ACCOUNT_CODES, type SystemAccountCode } from './ledger.domain';
import { insufficientFunds, unknownLedgerAccount } from './ledger.errors';
import { ledgerRepository as repository } from './ledger.repository';
import type { Posting } from './postings.repository';

export type LedgerDeps = {
  db: Database;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Admin adjustments are written to the audit log in their own transaction. */
  audit: AuditRecorder;
};
export type LedgerContext = ReturnType<typeof createLedgerContext>;

/** A posting is retried when it was refused for a reason that no longer holds (funds arrived meanwhile). */
const MAX_ATTEMPTS = 3;

/** System account ids never change once created, so they are looked up (and created) once per process. */
function createSystemAccountIds(db: Database) {
  let loading: Promise<Map<SystemAccountCode, string>> | undefined;
  return async function systemAccountId(code: SystemAccountCode): Promise<string> {
    loading ??= repository.ensureSystemAccounts(db, SYSTEM_ACCOUNT_CODES).then(
      (rows) => new Map(rows.map((row) => [row.systemCode as SystemAccountCode, row.id])),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    const id = (await loading).get(code);
    if (!id) throw new Error(`system account ${code} was not created`);
    return id;
  };
}

/** What the parts of the ledger service share. */
export function createLedgerContext(deps: LedgerDeps) {
  const outcomes = deps.metrics.counter(
    'ledger_operations_total',
    'Ledger operations by outcome: applied, replayed (same idempotency key) or the refusal code',
    ['operation', 'outcome'],
  );

  const debitListeners: ((accountId: string) => Promise<void>)[] = [];

  return {
    ...deps,
    systemAccountId: createSystemAccountIds(deps.db),

    /** Other modules react to money leaving a wallet (payments: auto top-up) without the ledger knowing them. */
    onWalletDebited(listener: (accountId: string) => Promise<void>) {
      debitListeners.push(listener);
    },

    /** Tells the listeners; their failures are logged, never the debit's. */
    async walletDebited(accountId: string) {
      for (const listener of debitListeners) {
        try {
          await listener(accountId);
        } catch (error) {
          deps.logger.error({ err: error, accountId }, 'a wallet debit listener failed');
        }
      }
    },

    /** Runs an operation and counts its outcome. */
    async counted<T extends { replayed: boolean }>(operation: string, run: () => Promise<T>): Promise<T> {
      try {
        const result = await run();
        outcomes.inc({ operation, outcome: result.replayed ? 'replayed' : 'applied' });
        return result;
      } catch (error) {
        outcomes.inc({ operation, outcome: isAppError(error) ? error.code : 'failed' });
        throw error;
      }
    },

    /** Throws why a wallet could not pay `debitCents` (or be moved at all), if that reason still holds. */
    async explainRefusal(owner: string, debitCents: number | null): Promise<void> {
      const wallet = await repository.findWallet(deps.db, owner);
      if (!wallet) throw unknownLedgerAccount({ wallet: owner });
      const available = (wallet.balanceCents ?? 0) - (wallet.heldCents ?? 0);
      if (debitCents !== null && available < debitCents) throw insufficientFunds(available, debitCents);
    },

    /**
     * Applies a posting exactly once per idempotency key. When it is not applied, the posting that already
     * used the key is replayed (or refused as a conflict by `replay`); else `refuse` throws the reason. A
     * reason that no longer holds by then (funds arrived in between) means another attempt.
     */
    async postOnce<Row, Found>(steps: {
      apply: () => Promise<Posting<Row>>;
      find: () => Promise<Found | undefined>;
      replay: (found: Found) => Row;
      refuse: () => Promise<void>;
    }): Promise<{ row: Row; replayed: boolean }> {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        const posting = await steps.apply();
        if (posting.status === 'applied') return { row: posting.row, replayed: false };
        const found = await steps.find();
        if (found) return { row: steps.replay(found), replayed: true };
        if (posting.status === 'not_applied') await steps.refuse();
      }
      throw new Error(`a posting was neither applied nor refused after ${MAX_ATTEMPTS} attempts`);
    },
  };
}
