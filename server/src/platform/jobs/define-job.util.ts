import type { z } from 'zod';
import type { Logger } from '../logger.adapter';

export type JobContext = {
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
  logger: Logger;
};

export type JobDefinition<Payload = unknown> = {
  /** `<module>.<verb-noun>`, e.g. `housekeeping.daily-sweep`. */
  name: string;
  schema: z.ZodType<Payload>;
  // Method syntax on purpose: a job of any payload type can stand in a list of JobDefinition<unknown>.
  handler(payload: Payload, context: JobContext): Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /**
   * pg-boss queue policy. With `short`, `singleton` or `stately`, jobs sent with the same singletonKey are
   * deduplicated (short: one queued; singleton: one running; stately: one queued and one running).
   */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  /** Workers polling this queue in one process. */
  concurrency?: number;
  /**
   * Jobs each worker takes per poll and runs side by side (default 1). pg-boss waits a poll interval between
   * fetches, so a queue fed many small jobs needs a batch to keep up.
   */
  batchSize?: number;
  /** A cron expression (UTC): the queue is also fed on this schedule. */
  cron?: { expression: string; payload: Payload };
};

/**
 * Declares a queue and its handler. Payloads are validated when consumed (at-least-once delivery: handlers
 * must be idempotent); a payload that does not validate, or a NonRetryableError, ends the job without retries.
 */
export type AnyJobDefinition = JobDefinition<unknown>;

export function defineJob<Schema extends z.ZodType>(
  definition: Omit<JobDefinition<z.output<Schema>>, 'schema'> & { schema: Schema },
): JobDefinition<z.output<Schema>> {
  return definition as JobDefinition<z.output<Schema>>;
}

/** A failure that another attempt cannot fix (bad payload, a record that no longer exists). */
export class NonRetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetryableError';
  }
}
