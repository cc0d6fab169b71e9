import type { Config } from './config';
import type { Database } from './db/client';
import { createHousekeepingModule } from './modules/housekeeping';
import { createLedgerModule } from './modules/ledger';
import type { Clock } from './platform/clock';
import type { RoutePlugin } from './platform/http/types';
import type { AnyJobDefinition } from './platform/jobs/define-job';
import type { JobQueue } from './platform/jobs/job-queue';
import type { Logger } from './platform/logger';
import type { Metrics } from './platform/metrics';

export type PlatformDeps = {
  config: Config;
  db: Database;
  jobs: JobQueue;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
};

/** The composition root: builds each module from the platform and from the modules it depends on. */
export function createModules(deps: PlatformDeps) {
  const housekeeping = createHousekeepingModule(deps);
  const ledger = createLedgerModule(deps);

  const routes: RoutePlugin[] = [];
  const jobs: AnyJobDefinition[] = [...housekeeping.jobs, ...ledger.jobs];

  return { housekeeping, ledger, routes, jobs };
}

export type Modules = ReturnType<typeof createModules>;
