import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cents, instant, oneOf } from '../../db/columns.util';
import { accounts } from '../identity/tables';
import { AUTO_TOPUP_PAUSE_REASONS, RECOVERY_KINDS, TOPUP_KINDS, TOPUP_STATUSES } from './payments.domain';

/** The card processor's customer for each account (one Stripe customer per account). */
export const paymentCustomers = pgTable('payment_customers', {
  accountId: uuid()
    .primaryKey()
    .references(() => accounts.id),
  providerCustomerId: text().notNull().unique('payment_customers_provider_customer_id_unique'),
  createdAt: instant().notNull().defaultNow(),
});

/**
 * Saved cards. Only the processor's id and what a person needs to recognise the card are kept, never the
 * number. One active card per account; replaced or removed cards keep their row (`removed_at`).
 */
export const paymentMethods = pgTable(
  'payment_methods',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id),
    providerPaymentMethodId: text().notNull(),
    brand: text().notNull(),
    last4: text().notNull(),
    expMonth: smallint().notNull(),
    expYear: smallint().notNull(),
    createdAt: instant().notNull().defaultNow(),
    removedAt: instant(),
  },
  (t) => [
    uniqueIndex('payment_methods_one_active_per_account').on(t.accountId).where(sql`${t.removedAt} is null`),
  ],
);

/**
 * Every attempt to add money by card: a Checkout top-up, an automatic top-up charged off-session, or a
 * recovery Checkout after an automatic one failed. The wallet is credited by the ledger, keyed by the
 * PaymentIntent id; this row tracks the attempt and its outcome.
 */
export const topups = pgTable(
  'topups',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id),
    kind: text({ enum: TOPUP_KINDS }).notNull(),
    status: text({ enum: TOPUP_STATUSES }).notNull().default('pending'),
    amountCents: cents().notNull(),
    /** What the wallet was credited (Stripe's amount received); null until then. */
    creditedCents: cents(),
    refundedCents: cents().notNull().default(sql`0`),
    disputedCents: cents().notNull().default(sql`0`),
    /** Checkout top-ups: whether the card is to be saved for automatic top-ups. */
    saveCard: boolean().notNull().default(false),
    checkoutSessionId: text(),
    paymentIntentId: text(),
    cardBrand: text(),
    cardLast4: text(),
    failureCode: text(),
    failureMessage: text(),
    /** The user who started it, and where their receipt goes; null for automatic top-ups (owners are told). */
    createdBy: uuid(),
    notifyEmail: text(),
    createdAt: instant().notNull().defaultNow(),
    completedAt: instant(),
  },
  (t) => [
    check('topups_kind_known', oneOf(t.kind, TOPUP_KINDS)),
    check('topups_status_known', oneOf(t.status, TOPUP_STATUSES)),
    check('topups_amount_positive', sql`${t.amountCents} > 0`),
    uniqueIndex('topups_checkout_session_id_key').on(t.checkoutSessionId),
    uniqueIndex('topups_payment_intent_id_key').on(t.paymentIntentId),
    index('topups_account_created_idx').on(t.accountId, t.createdAt),
    // At most one automatic charge in flight per account, whatever runs the auto top-up job.
    uniqueIndex('topups_one_pending_auto_per_account')
      .on(t.accountId)
      .where(sql`${t.kind} = 'auto' and ${t.status} = 'pending'`),
  ],
);

/** Auto top-up settings and state, one row per account that ever configured it. */
export const autoTopupSettings = pgTable(
  'auto_topup_settings',
  {
    accountId: uuid()
      .primaryKey()
      .references(() => accounts.id),
    enabled: boolean().notNull(),
    thresholdCents: cents().notNull(),
    amountCents: cents().notNull(),
    dailyCapCents: cents().notNull(),
    consecutiveFailures: integer().notNull().default(0),
    /** Why it stopped by itself (failures, a dispute, the card removed); null while the person's choice holds. */
    pausedReason: text({ enum: AUTO_TOPUP_PAUSE_REASONS }),
    pausedAt: instant(),
    updatedAt: instant().notNull().defaultNow(),
    updatedBy: uuid(),
  },
  (t) => [
    check('auto_topup_settings_paused_reason_known', oneOf(t.pausedReason, AUTO_TOPUP_PAUSE_REASONS)),
    check('auto_topup_settings_cap_covers_amount', sql`${t.dailyCapCents} >= ${t.amountCents}`),
  ],
);

/**
 * Money taken back from a wallet after a refund or a dispute. The amount to take is decided and recorded
 * here before the ledger moves it (under this row's idempotency key), so a retry takes the same amount. What
 * the wallet could not cover is `owed`, listed for admins.
 */
export const paymentRecoveries = pgTable(
  'payment_recoveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id),
    topupId: uuid()
      .notNull()
      .references(() => topups.id),
    kind: text({ enum: RECOVERY_KINDS }).notNull(),
    /** Refunds: `<charge id>:<cumulative amount refunded>`; disputes: the dispute id. */
    sourceKey: text().notNull(),
    requestedCents: cents().notNull(),
    takenCents: cents().notNull(),
    owedCents: cents().notNull(),
    /** The ledger idempotency key of the debit or hold; changes only when a planned take was refused. */
    ledgerKey: text().notNull(),
    /** Disputes: the ledger hold that reserves the disputed money until the dispute closes. */
    holdId: uuid(),
    appliedAt: instant(),
    resolution: text(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    check('payment_recoveries_kind_known', oneOf(t.kind, RECOVERY_KINDS)),
    check(
      'payment_recoveries_amounts',
      sql`${t.takenCents} >= 0 and ${t.owedCents} >= 0 and ${t.takenCents} + ${t.owedCents} = ${t.requestedCents}`,
    ),
    uniqueIndex('payment_recoveries_source_key').on(t.kind, t.sourceKey),
    index('payment_recoveries_owed_idx').on(t.createdAt).where(sql`${t.owedCents} > 0`),
  ],
);
