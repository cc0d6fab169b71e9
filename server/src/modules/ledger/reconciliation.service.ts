import type { ReconciliationMismatch } from './ledger.domain';
import type { LedgerContext } from './ledger-context.service';
import { type Reconciliation, reconciliationRepository as repository } from './reconciliation.repository';

export type { Reconciliation } from './reconciliation.repository';

/**
 * Proves the books: every wallet's cached balance equals the sum of its transfers, its held amount equals its
 * active holds, every recorded balance after follows from the transfers before it, and all balances sum to
 * zero. Each finding is logged at error level, counted in a gauge and kept for admins.
 */
export function createReconciliationService(context: LedgerContext) {
  const { db, clock, logger, metrics } = context;
  const mismatchGauge = metrics.gauge(
    'ledger_reconciliation_mismatches',
    'Problems found by the last ledger reconciliation (0 when the books balance)',
  );
  const lastRunGauge = metrics.gauge(
    'ledger_reconciliation_last_run_timestamp_seconds',
    'When the ledger was last reconciled (Unix time)',
  );

  return {
    async reconcile(trigger: 'schedule' | 'manual' = 'manual'): Promise<Reconciliation> {
      const startedAt = clock.now();
      const audit = await repository.audit(db);
      const mismatches: ReconciliationMismatch[] = [...audit.mismatches];
      if (audit.totalCents !== 0) mismatches.push({ check: 'zero_sum', totalCents: audit.totalCents });

      for (const mismatch of mismatches) logger.error({ mismatch }, 'ledger reconciliation mismatch');
      const finishedAt = clock.now();
      mismatchGauge.set(mismatches.length);
      lastRunGauge.set(finishedAt.getTime() / 1000);
      const run = await repository.insert(db, { trigger, startedAt, finishedAt, ...audit, mismatches });
      logger.info(
        { reconciliationId: run.id, accounts: audit.accountsChecked, mismatches: mismatches.length },
        'ledger reconciled',
      );
      return run;
    },

    /** The latest reconciliation runs, newest first, for admins. */
    listReconciliations(limit = 20): Promise<Reconciliation[]> {
      return repository.listRecent(db, Math.min(Math.max(1, Math.trunc(limit)), 100));
    },
  };
}
