import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import { housekeepingRuns } from './tables';

export type HousekeepingRun = typeof housekeepingRuns.$inferSelect;

export const housekeepingRepository = {
  async insertRun(db: Executor, run: { trigger: HousekeepingRun['trigger']; startedAt: Date }) {
    const [row] = await db.insert(housekeepingRuns).values(run).returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  },

  async finishRun(db: Executor, id: string, values: { finishedAt: Date; results: Record<string, number> }) {
    await db.update(housekeepingRuns).set(values).where(eq(housekeepingRuns.id, id));
  },

  async listRecent(db: Executor, limit: number) {
    return db.select().from(housekeepingRuns).orderBy(desc(housekeepingRuns.startedAt)).limit(limit);
  },
};
