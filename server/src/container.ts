import type pg from 'pg';
import type { Config } from './config';
import type { Database } from './db/client';
import { createHousekeepingModule } from './modules/housekeeping';
import { createIdentityModule } from './modules/identity';
import { createInboxModule } from './modules/inbox';
import { createMailModule } from './modules/mail';
import type { Clock } from './platform/clock';
import { deleteExpiredRateLimits } from './platform/http/rate-limit';
import type { RoutePlugin } from './platform/http/types';
import type { AnyJobDefinition } from './platform/jobs/define-job';
import type { JobQueue } from './platform/jobs/job-queue';
import type { Logger } from './platform/logger';
import type { Metrics } from './platform/metrics';

export type PlatformDeps = {
  config: Config;
  db: Database;
  pool: pg.Pool;
  jobs: JobQueue;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
};

/** The composition root: builds each module from the platform and from the modules it depends on. */
export function createModules(deps: PlatformDeps) {
  const housekeeping = createHousekeepingModule(deps);
  const mail = createMailModule(deps);
  const inbox = createInboxModule(deps);
  const identity = createIdentityModule({
    ...deps,
    mail: mail.service,
    // No module keeps money yet, so no account has money history.
    moneyHistory: async () => new Set(),
  });

  for (const task of [mail.housekeeping, inbox.housekeeping, ...identity.housekeeping])
    housekeeping.service.addTask(task);
  housekeeping.service.addTask({
    name: 'platform.rate-limits',
    run: (now) => deleteExpiredRateLimits(deps.db, now),
  });

  const routes: RoutePlugin[] = [...mail.routes, ...identity.routes];
  const jobs: AnyJobDefinition[] = [...housekeeping.jobs, ...mail.jobs, ...identity.jobs];

  return { housekeeping, mail, inbox, identity, guards: identity.guards, routes, jobs };
}

export type Modules = ReturnType<typeof createModules>;
