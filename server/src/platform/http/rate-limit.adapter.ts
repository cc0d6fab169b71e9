import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors/app.errors';

export type RateLimit = {
  /** Counts one attempt for `key`; throws 429 `rate_limited` (with `retryAfterSeconds`) past the limit. */
  consume(key: string, message?: string): Promise<void>;
  /** Forgets the attempts of `key`, e.g. after a successful sign-in. */
  reset(key: string): Promise<void>;
};

/**
 * Rate limits whose counters live in PostgreSQL, so that every server process shares them. `points` attempts
 * per `durationSeconds` for each key; expired counters are removed by the daily housekeeping sweep.
 */
export function createRateLimit(
  pool: pg.Pool,
  options: { name: string; points: number; durationSeconds: number },
): RateLimit {
  const limiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: 'rate_limits',
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix: options.name,
    points: options.points,
    duration: options.durationSeconds,
  });
  return {
    async consume(key, message = 'Too many attempts. Please wait a little and try again.') {
      try {
        await limiter.consume(key.toLowerCase());
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new AppError('rate_limited', message, { retryAfterSeconds });
      }
    },
    async reset(key) {
      await limiter.delete(key.toLowerCase());
    },
  };
}
