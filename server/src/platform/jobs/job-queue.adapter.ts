import type pg from 'pg';
import PgBoss from 'pg-boss';
import type { Executor } from '../../db/client.adapter';
import { drizzleExecutor } from '../../db/pg-boss-executor.adapter';
import type { Logger } from '../logger.adapter';
import type { Metrics } from '../metrics.adapter';
import { type AnyJobDefinition, type JobDefinition, NonRetryableError } from './define-job.util';

export type SendOptions = {
  /** Deduplication key; see the queue's policy in defineJob. */
  singletonKey?: string;
  startAfter?: Date | number;
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  executor?: Executor;
};

export type JobQueue = {
  start(): Promise<void>;
  /** Creates the queues; with `work`, also consumes them and registers their schedules. */
  register(jobs: readonly AnyJobDefinition[], options: { work: boolean }): Promise<void>;
  send<P>(job: JobDefinition<P>, payload: P, options?: SendOptions): Promise<string | null>;
  /** Queues one job per payload, in one statement (with the queue's own retry and expiry settings). */
  sendMany<P>(job: JobDefinition<P>, payloads: P[], options?: Pick<SendOptions, 'executor'>): Promise<void>;
  isReady(): Promise<boolean>;
  stop(options?: { timeoutMs?: number }): Promise<void>;
};

export function createJobQueue(options: {
  pool: pg.Pool;
  logger: Logger;
  metrics: Metrics;
  pollSeconds: number;
}): JobQueue {
  const { logger, metrics } = options;
  /** pg-boss statements and job handlers still running: a stop waits for them, so the pool may close after it. */
  let busy = 0;
  async function tracked<T>(work: () => Promise<T>): Promise<T> {
    busy += 1;
    try {
      return await work();
    } finally {
      busy -= 1;
    }
  }
  const boss = new PgBoss({
    db: { executeSql: (text, values) => tracked(() => options.pool.query(text, values)) },
    schema: 'pgboss',
    pollingIntervalSeconds: options.pollSeconds,
    // pg-boss keeps finished jobs for inspection, then deletes them.
    archiveCompletedAfterSeconds: 24 * 3600,
    deleteAfterDays: 7,
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));

  const localWorkers = new Map<string, string[]>();
  let started = false;

  /** Outside a transaction a job is visible at once: wake the local workers instead of waiting for a poll. */
  function wakeWorkers(name: string) {
    for (const workerId of localWorkers.get(name) ?? []) boss.notifyWorker(workerId);
  }

  async function consume(job: AnyJobDefinition, raw: PgBoss.JobWithMetadata<unknown>) {
    const log = logger.child({ job: job.name, jobId: raw.id, attempt: raw.retryCount + 1 });
    const stopTimer = metrics.jobDuration.startTimer({ queue: job.name });
    const parsed = job.schema.safeParse(raw.data);
    if (!parsed.success) {
      log.error({ issues: parsed.error.issues }, 'job payload rejected; not retried');
      metrics.jobsProcessed.inc({ queue: job.name, result: 'rejected' });
      stopTimer();
      return { rejected: 'invalid payload' };
    }
    try {
      await job.handler(parsed.data, { jobId: raw.id, retryCount: raw.retryCount, logger: log });
      metrics.jobsProcessed.inc({ queue: job.name, result: 'completed' });
      return undefined;
    } catch (error) {
      if (error instanceof NonRetryableError) {
        log.error({ err: error }, 'job failed permanently; not retried');
        metrics.jobsProcessed.inc({ queue: job.name, result: 'rejected' });
        return { rejected: error.message };
      }
      log.warn({ err: error }, 'job failed; it will be retried while attempts remain');
      metrics.jobsProcessed.inc({ queue: job.name, result: 'failed' });
      throw error;
    } finally {
      stopTimer();
    }
  }

  return {
    async start() {
      await boss.start();
      started = true;
    },

    async register(jobs, { work }) {
      for (const job of jobs) {
        await boss.createQueue(job.name, {
          name: job.name,
          policy: job.policy ?? 'standard',
          retryLimit: job.retryLimit ?? 5,
          retryDelay: job.retryDelaySeconds ?? 5,
          retryBackoff: true,
          expireInSeconds: job.expireInSeconds ?? 300,
        });
        if (!work) continue;
        const ids: string[] = [];
        const batchSize = job.batchSize ?? 1;
        for (let i = 0; i < (job.concurrency ?? 1); i += 1) {
          let workerId: string | undefined;
          workerId = await boss.work<unknown>(job.name, { includeMetadata: true, batchSize }, async (batch) =>
            tracked(async () => {
              // A full batch means more may be waiting: fetch again once this one is done, not a poll later.
              if (batch.length === batchSize && workerId) boss.notifyWorker(workerId);
              const [first] = batch;
              if (batch.length <= 1) return first ? consume(job, first) : undefined;
              // pg-boss settles a batch as a whole: each failure is recorded here, on its own job, so that
              // only that one is retried; the rest are completed when this returns.
              await Promise.all(
                batch.map((raw) =>
                  consume(job, raw).catch((error: unknown) => boss.fail(job.name, raw.id, error as object)),
                ),
              );
              return undefined;
            }),
          );
          ids.push(workerId);
        }
        localWorkers.set(job.name, ids);
        if (job.cron) {
          await boss.schedule(job.name, job.cron.expression, job.cron.payload as object, { tz: 'UTC' });
        }
      }
    },

    async send(job, payload, sendOptions = {}) {
      const { executor, ...rest } = sendOptions;
      const id = await boss.send(job.name, payload as object, {
        ...rest,
        ...(executor ? { db: drizzleExecutor(executor) } : {}),
      });
      if (id && !executor) wakeWorkers(job.name);
      return id;
    },

    async sendMany(job, payloads, { executor } = {}) {
      if (payloads.length === 0) return;
      await boss.insert(
        payloads.map((payload) => ({ name: job.name, data: payload as object })),
        executor ? { db: drizzleExecutor(executor) } : {},
      );
      if (!executor) wakeWorkers(job.name);
    },

    async isReady() {
      if (!started) return false;
      return Boolean(await boss.isInstalled());
    },

    async stop({ timeoutMs = 10_000 } = {}) {
      if (!started) return;
      started = false;
      const deadline = Date.now() + timeoutMs;
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: false });
      // pg-boss waits for the jobs its workers hold, but not for a fetch still on its way back (whose jobs then
      // run after the stop) nor for the statement recording a finished job: wait until both are done too.
      do {
        await new Promise((resolve) => setTimeout(resolve, 10));
      } while (busy > 0 && Date.now() < deadline);
    },
  };
}
