import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns.util';
import { destinationTypes, ratePlans } from './deck.domain';

export const rateSources = ['yaml', 'csv', 'twilio', 'admin'] as const;
export type RateSource = (typeof rateSources)[number];

/**
 * Price per minute of a destination prefix for one plan, with its history: a new price closes the open row of
 * the same prefix and plan (`effective_to`) and starts a new one, so the rate in force at any moment stays
 * answerable. At most one open row per prefix and plan.
 */
export const rates = pgTable(
  'rates',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Digits of E.164 without the +, e.g. 447 for UK mobiles. */
    prefix: text().notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text().notNull(),
    /** "United Kingdom — Mobile". */
    destination: text().notNull(),
    type: text({ enum: destinationTypes }).notNull(),
    plan: text({ enum: ratePlans }).notNull(),
    /** What the caller pays, in micro-dollars per minute. */
    priceMicros: integer().notNull(),
    /** What the provider charges us, in micro-dollars per minute, when known. */
    costMicros: integer(),
    source: text({ enum: rateSources }).notNull(),
    effectiveFrom: instant().notNull(),
    effectiveTo: instant(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rates_open_prefix_plan_key').on(t.prefix, t.plan).where(sql`${t.effectiveTo} is null`),
    index('rates_prefix_plan_from_idx').on(t.prefix, t.plan, t.effectiveFrom),
    index('rates_country_idx').on(t.country),
    check('rates_prefix_digits', sql`${t.prefix} ~ '^[1-9][0-9]{0,14}$'`),
    check(
      'rates_price_not_negative',
      sql`${t.priceMicros} >= 0 and (${t.costMicros} is null or ${t.costMicros} >= 0)`,
    ),
    check('rates_period', sql`${t.effectiveTo} is null or ${t.effectiveTo} > ${t.effectiveFrom}`),
  ],
);

/**
 * One row: the deck's version, bumped in the same transaction as every change to `rates`. Each server
 * process compares it with the version it holds in memory (cheaply, at most every few seconds) and reloads
 * when it moved. Writers lock this row, which also serialises imports.
 */
export const ratesState = pgTable(
  'rates_state',
  {
    id: smallint().primaryKey().default(1),
    version: bigint({ mode: 'number' }).notNull().default(sql`0`),
    changedAt: instant().notNull().defaultNow(),
  },
  (t) => [check('rates_state_single_row', sql`${t.id} = 1`)],
);
