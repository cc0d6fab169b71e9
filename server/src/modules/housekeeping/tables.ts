import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** One row per run of the daily housekeeping sweep: when it ran and what each task removed. */
export const housekeepingRuns = pgTable(
  'housekeeping_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    trigger: text({ enum: ['schedule', 'manual'] }).notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
    results: jsonb().$type<Record<string, number>>().notNull().default({}),
  },
  (t) => [index('housekeeping_runs_started_at_idx').on(t.startedAt)],
);
