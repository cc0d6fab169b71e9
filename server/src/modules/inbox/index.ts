import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import type { JobQueue } from '../../platform/jobs/job-queue.adapter';
import type { Logger } from '../../platform/logger.adapter';
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
