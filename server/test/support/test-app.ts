import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { type Clock, systemClock } from '../../src/platform/clock.util';
import { createLifecycle } from '../../src/platform/lifecycle.util';
import { createLogger } from '../../src/platform/logger.adapter';
import { startServices } from '../../src/runtime';
import { createTestDatabase } from './test-database';

export type TestAppOptions = {
  /** Environment keys on top of the test defaults, parsed by the real config schema. */
  env?: Record<string, string>;
  /** Consume jobs in this process (default: queue them only, so tests decide when work runs). */
  work?: boolean;
  clock?: Clock;
  /** Keep the app's log lines (info and above) in `t.logs` for assertions. */
  captureLogs?: boolean;
};

/**
 * The whole application on a fresh cloned database, for `app.inject` and for calling module services
 * directly. Built by the same code as the server; nothing is mocked.
 */
export async function createTestApp(options: TestAppOptions = {}) {
  const database = await createTestDatabase();
  const logs: Record<string, unknown>[] = [];
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? (options.captureLogs ? 'info' : 'silent'),
    DATABASE_URL: database.url,
    JOB_POLL_SECONDS: '0.5',
    WEB_DIST_DIR: '/nonexistent-web-dist',
    ...options.env,
  });
  const logger = createLogger(
    config,
    options.captureLogs
      ? { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) }
      : undefined,
  );
  const lifecycle = createLifecycle(logger);
  const services = await startServices({
    config,
    logger,
    lifecycle,
    database,
    clock: options.clock ?? systemClock,
    work: options.work ?? false,
  });
  const app = await buildApp({
    config,
    logger,
    metrics: services.metrics,
    readiness: services.readiness,
    routes: services.modules.routes,
    version: 'test',
  });
  await app.ready();

  return {
    app,
    config,
    database,
    db: database.db,
    logs,
    ...services,
    async close() {
      await app.close();
      await lifecycle.shutdown();
      await database.drop();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
