import type { Config } from './config';
import { createModules } from './container';
import { createDatabase, type DatabaseHandle } from './db/client.adapter';
import { startEmbeddedPostgres } from './db/embedded-postgres.adapter';
import { runMigrations } from './db/migrate.util';
import type { Clock } from './platform/clock.util';
import { createJobQueue } from './platform/jobs/job-queue.adapter';
import type { Lifecycle } from './platform/lifecycle.util';
import type { Logger } from './platform/logger.adapter';
import { createMetrics } from './platform/metrics.adapter';

type RuntimeOptions = { config: Config; logger: Logger; lifecycle: Lifecycle };

/** The database: embedded unless DATABASE_URL is set, then migrated. */
export async function openDatabase({ config, logger, lifecycle }: RuntimeOptions): Promise<DatabaseHandle> {
  let databaseUrl = config.db.url;
  if (!databaseUrl) {
    const embedded = await lifecycle.step(
      'embedded database',
      () =>
        startEmbeddedPostgres({
          dataDir: config.db.embedded.dataDir,
          port: config.db.embedded.port,
          database: 'mobayilo',
          onLog: (line) => logger.debug({ component: 'postgres' }, line),
        }),
      (server) => server.stop(),
    );
    databaseUrl = embedded.url;
  }
  const url = databaseUrl;
  const database = await lifecycle.step(
    'database pool',
    async () => createDatabase({ url, logger }),
    (handle) => handle.close(),
  );
  await lifecycle.step('migrations', () => runMigrations(database.pool));
  return database;
}

/**
 * Everything that runs on the database: metrics, the job queue, and the modules. Each resource is registered
 * with the lifecycle so that a shutdown stops it in reverse order. Used by the server, the worker and tests.
 */
export async function startServices(
  options: RuntimeOptions & {
    database: DatabaseHandle;
    clock: Clock;
    work: boolean;
    collectProcessMetrics?: boolean;
  },
) {
  const { config, logger, lifecycle, database } = options;
  const metrics = createMetrics({ collectProcessMetrics: options.collectProcessMetrics ?? false });
  const jobs = createJobQueue({ pool: database.pool, logger, metrics, pollSeconds: config.jobs.pollSeconds });
  await lifecycle.step(
    'job queue',
    () => jobs.start(),
    () => jobs.stop(),
  );

  const modules = createModules({
    config,
    db: database.db,
    pool: database.pool,
    jobs,
    logger,
    metrics,
    clock: options.clock,
  });
  await lifecycle.step('job handlers', () => jobs.register(modules.jobs, { work: options.work }));
  for (const [name, start] of Object.entries(modules.startups)) await lifecycle.step(name, start);

  const readiness = {
    database: async () => {
      await database.pool.query('select 1');
      return true;
    },
    jobs: () => jobs.isReady(),
  };
  return { jobs, metrics, modules, readiness };
}
