import type { AuthGuards } from '../../platform/http/auth.guards';
import type { RoutePlugin } from '../../platform/http/http.types';
import type { JobQueue } from '../../platform/jobs/job-queue.adapter';
import { ledgerJobs } from './ledger.jobs';
import { createLedgerService } from './ledger.service';
import { ledgerAdminRoutes } from './ledger-admin.routes';
import type { LedgerDeps } from './ledger-context.service';
import { type AutoTopupSettings, type Member, walletRoutes } from './wallet.routes';

export type { CaptureResult, HoldResult } from './holds.service';
export type {
  HoldStatus,
  LedgerRef,
  ReconciliationMismatch,
  SystemAccountCode,
  TransferKind,
} from './ledger.domain';
export { SYSTEM_ACCOUNT_CODES, TRANSFER_KINDS } from './ledger.domain';
export type { LedgerService, TransferRequest, TransferResult } from './ledger.service';
export type { LedgerDeps } from './ledger-context.service';
export type { Hold, Transfer } from './postings.repository';
export type { Reconciliation } from './reconciliation.repository';
export type { AutoTopupSettings } from './wallet.routes';
export type { Balance, HistoryItem, HistoryPage, Statement, WalletSummary } from './wallet-views.service';

/** The ledger: wallets, transfers and holds. Other modules use its service; nothing else touches its tables. */
export function createLedgerModule(deps: LedgerDeps) {
  const service = createLedgerService(deps);
  const jobs = ledgerJobs(service);
  return {
    service,
    jobs: Object.values(jobs),
    reconcileJob: jobs.reconcile,
    expireHoldsJob: jobs.expireHolds,
    /** The HTTP routes, once the modules they ask about (identity, payments) exist. */
    routes(http: {
      guards: AuthGuards;
      jobs: Pick<JobQueue, 'send'>;
      autoTopupOf: (accountId: string) => Promise<AutoTopupSettings | null>;
      membersOf: (accountId: string) => Promise<Member[]>;
      accountExists: (accountId: string) => Promise<boolean>;
    }): RoutePlugin[] {
      return [
        walletRoutes({ ledger: service, clock: deps.clock, ...http }),
        ledgerAdminRoutes({ ledger: service, reconcileJob: jobs.reconcile, logger: deps.logger, ...http }),
      ];
    },
  };
}
