import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns.util';

/**
 * Every signed webhook we accept, stored once before anything acts on it. The unique (provider, event key)
 * makes a provider's retry of the same event a no-op; a job then applies each event exactly once.
 */
export const providerEvents = pgTable(
  'provider_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    provider: text({ enum: ['twilio', 'stripe'] }).notNull(),
    /** The provider's identity of the event, e.g. a Stripe event id or a Twilio CallSid and sequence. */
    eventKey: text().notNull(),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text({ enum: ['pending', 'processed', 'ignored', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer().notNull().default(0),
    outcome: text(),
    receivedAt: instant().notNull().defaultNow(),
    processedAt: instant(),
  },
  (t) => [
    uniqueIndex('provider_events_provider_event_key').on(t.provider, t.eventKey),
    index('provider_events_pending_idx').on(t.receivedAt).where(sql`${t.status} = 'pending'`),
    check('provider_events_status_known', sql`${t.status} in ('pending', 'processed', 'ignored', 'failed')`),
  ],
);
