import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cents, instant, oneOf } from '../../db/columns.util';
import { accounts } from '../identity/tables';
import {
  HOLD_STATUSES,
  LEDGER_ACCOUNT_KINDS,
  type ReconciliationMismatch,
  SYSTEM_ACCOUNT_CODES,
  TRANSFER_KINDS,
} from './ledger.domain';

/**
 * One wallet per identity account, plus the system accounts money comes from and goes to. Only wallets cache
 * their balance: a system account (e.g. call revenue) is on the other side of most transfers, and updating one
 * row per transfer would serialise them all, so its balance is derived from the transfers instead.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({ enum: LEDGER_ACCOUNT_KINDS }).notNull(),
    /** The identity account that owns this wallet. No cascade: an account with a wallet is never deleted. */
    accountId: uuid()
      .unique('ledger_accounts_account_id_unique')
      .references(() => accounts.id),
    systemCode: text({ enum: SYSTEM_ACCOUNT_CODES }).unique('ledger_accounts_system_code_unique'),
    /** Posted money; null for system accounts, whose balance is derived from the transfers. */
    balanceCents: cents(),
    /** Reserved by active holds; available = balance − held. Null for system accounts. */
    heldCents: cents(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    check(
      'ledger_accounts_kind_shape',
      sql`(${t.kind} = 'wallet' and ${t.accountId} is not null and ${t.systemCode} is null
        and ${t.balanceCents} is not null and ${t.heldCents} is not null)
      or (${t.kind} = 'system' and ${t.systemCode} is not null and ${t.accountId} is null
        and ${t.balanceCents} is null and ${t.heldCents} is null)`,
    ),
    check('ledger_accounts_system_code_known', oneOf(t.systemCode, SYSTEM_ACCOUNT_CODES)),
    check('ledger_accounts_held_non_negative', sql`${t.heldCents} >= 0`),
    // The last line of defence against overdrafts: the service's conditional updates never get here.
    check('ledger_accounts_available_non_negative', sql`${t.balanceCents} - ${t.heldCents} >= 0`),
  ],
);

/** Funds reserved on a wallet for usage in progress (a call), captured or released exactly once. */
export const holds = pgTable(
  'holds',
  {
    id: uuid().primaryKey().defaultRandom(),
    ledgerAccountId: uuid()
      .notNull()
      .references(() => ledgerAccounts.id),
    amountCents: cents().notNull(),
    idempotencyKey: text().notNull().unique('holds_idempotency_key_unique'),
    status: text({ enum: HOLD_STATUSES }).notNull().default('active'),
    expiresAt: instant().notNull(),
    capturedCents: cents(),
    reference: text(),
    memo: text(),
    actor: text().notNull(),
    createdAt: instant().notNull(),
    settledAt: instant(),
  },
  (t) => [
    check('holds_status_known', oneOf(t.status, HOLD_STATUSES)),
    check('holds_amount_positive', sql`${t.amountCents} > 0`),
    check(
      'holds_settlement_shape',
      sql`(${t.status} = 'active' and ${t.settledAt} is null and ${t.capturedCents} is null)
      or (${t.status} = 'captured' and ${t.settledAt} is not null
        and ${t.capturedCents} > 0 and ${t.capturedCents} <= ${t.amountCents})
      or (${t.status} in ('released', 'expired') and ${t.settledAt} is not null and ${t.capturedCents} is null)`,
    ),
    index('holds_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'active'`),
  ],
);

/**
 * Immutable double-entry transfers: `amount` leaves the debit account and reaches the credit account. A
 * trigger refuses UPDATE, DELETE and TRUNCATE. `seq` orders a wallet's transfers in the order they were
 * applied (assigned while the wallet's row is locked), which makes the recorded balances after a chain.
 */
export const transfers = pgTable(
  'transfers',
  {
    id: uuid().primaryKey().defaultRandom(),
    seq: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    kind: text({ enum: TRANSFER_KINDS }).notNull(),
    // No foreign keys here on purpose: checking one takes a KEY SHARE lock on the referenced row, which for a
    // system account would be one row touched by every transfer. Instead ledger accounts can never be deleted
    // or re-keyed (a trigger), postings take both ids from rows they read, and reconciliation reports any
    // transfer whose account is unknown.
    debitAccountId: uuid().notNull(),
    creditAccountId: uuid().notNull(),
    amountCents: cents().notNull(),
    idempotencyKey: text().notNull().unique('transfers_idempotency_key_unique'),
    /** The hold this transfer captured; unique, so a hold is captured at most once. */
    holdId: uuid().references(() => holds.id),
    /** Where the money movement comes from: a call SID, a Stripe object id… */
    reference: text(),
    memo: text(),
    /** Who caused it: `system`, `user:<id>`, `job:<name>`… */
    actor: text().notNull(),
    /** The wallet's balance right after this transfer; null on a system account's side. */
    debitBalanceAfterCents: cents(),
    creditBalanceAfterCents: cents(),
    createdAt: instant().notNull(),
  },
  (t) => [
    check('transfers_kind_known', oneOf(t.kind, TRANSFER_KINDS)),
    check('transfers_amount_positive', sql`${t.amountCents} > 0`),
    check('transfers_distinct_accounts', sql`${t.debitAccountId} <> ${t.creditAccountId}`),
    uniqueIndex('transfers_hold_id_unique').on(t.holdId).where(sql`${t.holdId} is not null`),
    index('transfers_debit_seq_idx').on(t.debitAccountId, t.seq),
    index('transfers_credit_seq_idx').on(t.creditAccountId, t.seq),
  ],
);

/** One row per reconciliation run, with everything it found wrong (an empty list when the books balance). */
export const reconciliations = pgTable(
  'ledger_reconciliations',
  {
    id: uuid().primaryKey().defaultRandom(),
    trigger: text({ enum: ['schedule', 'manual'] }).notNull(),
    startedAt: instant().notNull(),
    finishedAt: instant().notNull(),
    accountsChecked: integer().notNull(),
    transfersChecked: bigint({ mode: 'number' }).notNull(),
    /** The sum of every account's balance; zero when the books balance. */
    totalCents: cents().notNull(),
    mismatches: jsonb().$type<ReconciliationMismatch[]>().notNull(),
  },
  (t) => [index('ledger_reconciliations_started_at_idx').on(t.startedAt)],
);
