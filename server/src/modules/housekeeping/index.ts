import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import type { Logger } from '../../platform/logger.adapter';
import { housekeepingJobs } from './housekeeping.jobs';
import { createHousekeepingService } from './housekeeping.service';

export type { HousekeepingService, HousekeepingTask } from './housekeeping.service';

export function createHousekeepingModule(deps: { db: Database; clock: Clock; logger: Logger }) {
  const service = createHousekeepingService(deps);
  const jobs = housekeepingJobs(service);
  return { service, jobs: Object.values(jobs), dailySweep: jobs.dailySweep };
}
