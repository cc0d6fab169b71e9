import type { LedgerDeps } from './ledger.context';
import { ledgerJobs } from './ledger.jobs';
import { createLedgerService } from './ledger.service';

export type { CaptureResult, HoldResult } from './holds.service';
export type { LedgerDeps } from './ledger.context';
export type {
  HoldStatus,
  LedgerRef,
  ReconciliationMismatch,
  SystemAccountCode,
  TransferKind,
} from './ledger.domain';
export { SYSTEM_ACCOUNT_CODES, TRANSFER_KINDS } from './ledger.domain';
export type { LedgerService, TransferRequest, TransferResult } from './ledger.service';
export type { Hold, Transfer } from './postings.repository';
export type { Reconciliation } from './reconciliation.repository';
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
  };
}
