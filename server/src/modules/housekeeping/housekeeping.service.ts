import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import type { Logger } from '../../platform/logger.adapter';
import { housekeepingRepository as repository } from './housekeeping.repository';

/** A cleanup another module contributes to the daily sweep; returns how many records it removed. */
export type HousekeepingTask = { name: string; run: (now: Date) => Promise<number> };

export function createHousekeepingService(deps: { db: Database; clock: Clock; logger: Logger }) {
  const tasks: HousekeepingTask[] = [];

  return {
    /** Modules add their cleanups at composition time. */
    addTask(task: HousekeepingTask) {
      tasks.push(task);
    },

    /** Runs every task, records the run, and keeps going when one task fails (it is retried tomorrow). */
    async sweep(trigger: 'schedule' | 'manual') {
      const startedAt = deps.clock.now();
      const run = await repository.insertRun(deps.db, { trigger, startedAt });
      const results: Record<string, number> = {};
      for (const task of tasks) {
        try {
          results[task.name] = await task.run(startedAt);
        } catch (error) {
          deps.logger.error({ err: error, task: task.name }, 'housekeeping task failed');
          results[task.name] = -1;
        }
      }
      await repository.finishRun(deps.db, run.id, { finishedAt: deps.clock.now(), results });
      return { ...run, results };
    },

    recentRuns(limit = 10) {
      return repository.listRecent(deps.db, limit);
    },
  };
}

export type HousekeepingService = ReturnType<typeof createHousekeepingService>;
