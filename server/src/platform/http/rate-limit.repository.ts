import { lt } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import { rateLimits } from './rate-limit.tables';

/** Removes counters whose window has passed; returns how many. */
export async function deleteExpiredRateLimits(db: Executor, now: Date): Promise<number> {
  const deleted = await db
    .delete(rateLimits)
    .where(lt(rateLimits.expire, now.getTime()))
    .returning({ key: rateLimits.key });
  return deleted.length;
}
