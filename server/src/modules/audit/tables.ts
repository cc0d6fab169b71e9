import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns.util';

/**
 * Every platform admin's action, written in the transaction of the action itself. Append-only: triggers refuse
 * UPDATE, DELETE and TRUNCATE (see the migration that created the table). The actor's email is a snapshot,
 * and the actor has no foreign key, so that the log outlives the people in it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid().primaryKey().defaultRandom(),
    actorId: uuid().notNull(),
    actorEmail: text().notNull(),
    /** What was done, as `subject.verb`: `wallet.adjust`, `account.suspend`, `subscriber.invite`… */
    action: text().notNull(),
    /** What it was done to, as `kind:id`. */
    target: text().notNull(),
    reason: text(),
    /** Before/after where money or status changed, and what else the action wants kept. */
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [index('audit_log_created_idx').on(t.createdAt, t.id), index('audit_log_target_idx').on(t.target)],
);
