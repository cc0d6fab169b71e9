import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cents, instant } from '../../db/columns.util';
import { accounts, memberships } from '../identity/tables';
import { CALL_STATUSES } from './call.domain';

/**
 * One row per outbound call the voice webhook let through: who placed it, where to, at what rate, the hold
 * that reserved its worst case, its status timeline, and once settled what it cost. Refused attempts are
 * logged, not stored.
 */
export const calls = pgTable(
  'calls',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The seat's account and person (see calls_seat_fk). */
    accountId: uuid().notNull(),
    userId: uuid().notNull(),
    /** The seat that placed the call; removed seats keep their row, so their calls stay attributed. */
    membershipId: uuid().notNull(),
    /** The browser's leg (the parent CallSid): what the hold and the capture are keyed by. */
    callSid: text().notNull(),
    /** The leg to the phone network, known from its first status callback. */
    childCallSid: text(),
    toE164: text('to_e164').notNull(),
    country: text(),
    destination: text().notNull(),
    callerId: text().notNull(),
    status: text({ enum: CALL_STATUSES }).notNull().default('initiated'),
    /** The rate in force when the call started, per minute; price changes never touch a call in progress. */
    rateMicros: integer().notNull(),
    /** The ledger hold reserving the call's worst case; null for a free destination. */
    holdId: uuid(),
    holdCents: cents().notNull(),
    timeLimitSeconds: integer().notNull(),
    startedAt: instant().notNull(),
    answeredAt: instant(),
    endedAt: instant(),
    durationSeconds: integer(),
    billedMinutes: integer(),
    /** What the wallet was charged (at most the hold). */
    costCents: cents(),
    /** What the call cost beyond its hold, written off instead of charged. */
    writtenOffCents: cents(),
    settledAt: instant(),
    /** When the stale-call sweeper last asked the provider about it. */
    checkedAt: instant(),
  },
  (t) => [
    // The call's account and person are its seat's: one key checked per call placed, where three separate
    // keys (account, user, seat) would each be probed.
    foreignKey({
      name: 'calls_seat_fk',
      columns: [t.membershipId, t.accountId, t.userId],
      foreignColumns: [memberships.id, memberships.accountId, memberships.userId],
    }),
    uniqueIndex('calls_call_sid_key').on(t.callSid),
    // A call learns its dialed leg later: placing it writes no entry here.
    uniqueIndex('calls_child_call_sid_key').on(t.childCallSid).where(sql`${t.childCallSid} is not null`),
    index('calls_account_started_idx').on(t.accountId, t.startedAt, t.id),
    index('calls_membership_started_idx').on(t.membershipId, t.startedAt),
    // The stale-call sweeper's read: unsettled calls of every account, oldest first.
    index('calls_unsettled_idx').on(t.startedAt).where(sql`${t.settledAt} is null`),
    check(
      'calls_status_known',
      sql`${t.status} in (${sql.raw(CALL_STATUSES.map((status) => `'${status}'`).join(', '))})`,
    ),
    check('calls_amounts_non_negative', sql`${t.holdCents} >= 0 and ${t.rateMicros} >= 0`),
    check(
      'calls_cost_within_hold',
      sql`${t.costCents} is null or (${t.costCents} >= 0 and ${t.costCents} <= ${t.holdCents})`,
    ),
  ],
);

/**
 * What counts against the toll-fraud limits is kept by triggers on `calls` (migrations 0012 and 0013: an
 * insert counts its calls once per statement, a settlement or deletion its row), in the transaction that
 * changes a call, so that a call setup reads a few rows instead of every call its account placed today. Neither table indexes the counted column, so each change is a heap-only update.
 *
 * The calls of each seat not yet settled (in progress, or stale until the sweeper closes them).
 */
export const callActivity = pgTable(
  'call_activity',
  {
    accountId: uuid()
      .notNull()
      .references(() => accounts.id),
    membershipId: uuid()
      .notNull()
      .references(() => memberships.id),
    activeCalls: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'call_activity_pkey', columns: [t.accountId, t.membershipId] }),
    check('call_activity_non_negative', sql`${t.activeCalls} >= 0`),
  ],
);

/** The money each seat's calls committed, by UTC day of their start: a settled call's cost, else its hold. */
export const callSpending = pgTable(
  'call_spending',
  {
    accountId: uuid()
      .notNull()
      .references(() => accounts.id),
    day: date({ mode: 'string' }).notNull(),
    membershipId: uuid()
      .notNull()
      .references(() => memberships.id),
    committedCents: cents().notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'call_spending_pkey', columns: [t.accountId, t.day, t.membershipId] }),
    check('call_spending_non_negative', sql`${t.committedCents} >= 0`),
  ],
);
