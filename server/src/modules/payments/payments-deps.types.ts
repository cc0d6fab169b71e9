import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import type { JobQueue } from '../../platform/jobs/job-queue.adapter';
import type { Logger } from '../../platform/logger.adapter';
import type { Metrics } from '../../platform/metrics.adapter';
import type { PaymentsProvider } from '../../providers/payments';
import type { InboxService } from '../inbox';
import type { LedgerService } from '../ledger';
import type { MailService } from '../mail';

/** What the payments services need; each takes the narrow part it uses. */
export type PaymentsDeps = {
  db: Database;
  clock: Clock;
  logger: Logger;
  jobs: Pick<JobQueue, 'send'>;
  metrics: Pick<Metrics, 'counter'>;
  provider: PaymentsProvider;
  ledger: Pick<
    LedgerService,
    'openWallet' | 'credit' | 'debit' | 'walletSummary' | 'hold' | 'capture' | 'release'
  >;
  inbox: Pick<InboxService, 'receive' | 'process' | 'requeueStale'>;
  mail: Pick<MailService, 'send'>;
  /** The addresses of an account's owners (identity). */
  ownerEmails: (accountId: string) => Promise<string[]>;
  settings: { publicUrl: string; topupMaxCents: number; adminEmails: readonly string[] };
};
