import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns.util';

/** One row per run of the daily housekeeping sweep: when it ran and what each task removed. */
export const housekeepingRuns = pgTable(
  'housekeeping_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    trigger: text({ enum: ['schedule', 'manual'] }).notNull(),
    startedAt: instant().notNull(),
    finishedAt: instant(),
    results: jsonb().$type<Record<string, number>>().notNull().default({}),
  },
  (t) => [index('housekeeping_runs_started_at_idx').on(t.startedAt)],
);
