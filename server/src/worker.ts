import closeWithGrace from 'close-with-grace';
import { loadConfigOrExit } from './config';
import { systemClock } from './platform/clock.util';
import { createLifecycle, ShutdownRequested } from './platform/lifecycle.util';
import { createLogger } from './platform/logger.adapter';
import { openDatabase, startServices } from './runtime';

/** Runs the background jobs without HTTP, for scaling workers apart from web servers (`npm run worker`). */
async function worker() {
  const config = loadConfigOrExit();
  if (!config.db.url) {
    process.stderr.write(
      'npm run worker needs DATABASE_URL: with the embedded database, `npm start` runs the jobs in the server itself.\n',
    );
    process.exit(1);
  }
  const logger = createLogger(config);
  const lifecycle = createLifecycle(logger);
  closeWithGrace({ delay: 20_000, logger }, async () => {
    await lifecycle.shutdown();
  });
  try {
    const database = await openDatabase({ config, logger, lifecycle });
    await startServices({
      config,
      logger,
      lifecycle,
      database,
      clock: systemClock,
      work: true,
      collectProcessMetrics: true,
    });
    logger.info('worker started');
  } catch (error) {
    if (error instanceof ShutdownRequested) return;
    logger.fatal({ err: error }, 'worker could not start');
    await lifecycle.shutdown();
    process.exit(1);
  }
}

await worker();
