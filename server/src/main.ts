import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { loadConfigOrExit } from './config';
import { systemClock } from './platform/clock.util';
import { createLifecycle, ShutdownRequested } from './platform/lifecycle.util';
import { createLogger } from './platform/logger.adapter';
import { openDatabase, startServices } from './runtime';
import { version } from './version';

/** config → database → migrations → jobs → HTTP; stops in reverse on SIGINT/SIGTERM. */
async function main() {
  const config = loadConfigOrExit();

  const logger = createLogger(config);
  const lifecycle = createLifecycle(logger);
  closeWithGrace({ delay: 20_000, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an unexpected error');
    else logger.info({ signal }, 'shutting down');
    await lifecycle.shutdown();
  });

  try {
    const database = await openDatabase({ config, logger, lifecycle });
    const runtime = await startServices({
      config,
      logger,
      lifecycle,
      database,
      clock: systemClock,
      work: config.jobs.runWorkers,
      collectProcessMetrics: true,
    });
    const app = await buildApp({
      config,
      logger,
      metrics: runtime.metrics,
      readiness: runtime.readiness,
      routes: runtime.modules.routes,
      version,
    });
    await lifecycle.step(
      'http server',
      () => app.listen({ host: config.http.host, port: config.http.port }),
      () => app.close(),
    );
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.http.port;
    const local = `http://localhost:${port}`;
    process.stdout.write(
      `\nMobayilo is running at ${local}${config.http.publicUrl === local ? '' : ` (public URL ${config.http.publicUrl})`}\n` +
        `Providers: telephony ${config.telephony.kind}, payments ${config.payments.kind}, mail ${config.mail.smtpUrl ? 'smtp' : 'outbox'}. Press Ctrl-C to stop.\n\n`,
    );
  } catch (error) {
    if (error instanceof ShutdownRequested) return; // the signal handler finishes the shutdown
    logger.fatal({ err: error }, 'could not start');
    process.stderr.write(
      `Mobayilo could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    await lifecycle.shutdown();
    process.exit(1);
  }
}

await main();
