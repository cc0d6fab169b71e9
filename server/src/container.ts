import type { Config } from './config';
import type { Database } from './db/client';
import { createHousekeepingModule } from './modules/housekeeping';
import { createRatesModule } from './modules/rates';
import type { Clock } from './platform/clock';
import type { RoutePlugin } from './platform/http/types';
import type { AnyJobDefinition } from './platform/jobs/define-job';
import type { JobQueue } from './platform/jobs/job-queue';
import type { Logger } from './platform/logger';
import type { Metrics } from './platform/metrics';
import { createTelephonyProvider } from './providers/telephony';

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
  const telephony = createTelephonyProvider(deps.config.telephony);
  const housekeeping = createHousekeepingModule(deps);
  const rates = createRatesModule({ ...deps, telephony, settings: deps.config.rates });

  const routes: RoutePlugin[] = [rates.routes];
  const jobs: AnyJobDefinition[] = [...housekeeping.jobs, ...rates.jobs];
  /** Steps run once the job queue is up, in order, before the server takes requests. */
  const startups: Record<string, () => Promise<void>> = { rates: rates.start };

  return { housekeeping, rates, telephony, routes, jobs, startups };
}

export type Modules = ReturnType<typeof createModules>;
