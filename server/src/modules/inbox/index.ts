import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import type { JobQueue } from '../../platform/jobs/job-queue';
import type { Logger } from '../../platform/logger';
import { createInboxService } from './inbox.service';

export type { EventJob, EventOutcome, InboxService, IncomingEvent, ProviderEvent } from './inbox.service';

export function createInboxModule(deps: {
  db: Database;
  jobs: Pick<JobQueue, 'send' | 'sendMany'>;
  clock: Clock;
  logger: Logger;
}) {
  const service = createInboxService(deps);
  return {
    service,
    housekeeping: { name: 'inbox.old-events', run: (now: Date) => service.deleteOld(now) },
  };
}
