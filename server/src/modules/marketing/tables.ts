import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant, oneOf } from '../../db/columns.util';

export const subscriberStatuses = ['waiting', 'invited', 'joined'] as const;

/**
 * The waitlist: people who asked for early access (from the marketing site, or by trying to sign up while the
 * beta gate is on). One row per address whatever its case: the unique index on lower(email) makes concurrent
 * submissions of Ann@x and ann@x one row.
 */
export const subscribers = pgTable(
  'subscribers',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Lower-cased on the way in; the index holds the rule for any writer. */
    email: text().notNull(),
    status: text({ enum: subscriberStatuses }).notNull().default('waiting'),
    /** Where the address came from: the marketing site's own label, `signup` or `signin`. */
    source: text().notNull(),
    createdAt: instant().notNull().defaultNow(),
    invitedAt: instant(),
    joinedAt: instant(),
  },
  (t) => [
    uniqueIndex('subscribers_email_lower_key').on(sql`lower(${t.email})`),
    index('subscribers_created_idx').on(t.createdAt, t.id),
    check('subscribers_status_known', oneOf(t.status, subscriberStatuses)),
  ],
);
