import { sql } from 'drizzle-orm';
import { check, index, inet, integer, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns.util';

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Always stored lower-case, so the unique index is case-insensitive. */
    email: text().notNull(),
    passwordHash: text(),
    /** When the person proved they own the address (used a link sent to it). */
    confirmedAt: instant(),
    signInCount: integer().notNull().default(0),
    lastSignInAt: instant(),
    lastSignInIp: inet(),
    role: text({ enum: ['user', 'admin'] })
      .notNull()
      .default('user'),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    check('users_email_lower_case', sql`${t.email} = lower(${t.email})`),
    check('users_role_known', sql`${t.role} in ('user', 'admin')`),
    index('users_unconfirmed_idx').on(t.createdAt).where(sql`${t.confirmedAt} is null`),
  ],
);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({ enum: ['individual', 'company'] }).notNull(),
    name: text().notNull(),
    status: text({ enum: ['active', 'suspended', 'closed'] })
      .notNull()
      .default('active'),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    check('accounts_kind_known', sql`${t.kind} in ('individual', 'company')`),
    check('accounts_status_known', sql`${t.status} in ('active', 'suspended', 'closed')`),
  ],
);

/** Email domains whose new users become seats of the company; a domain belongs to one company at most. */
export const accountDomains = pgTable(
  'account_domains',
  {
    domain: text().primaryKey(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index('account_domains_account_id_idx').on(t.accountId),
    check('account_domains_lower_case', sql`${t.domain} = lower(${t.domain})`),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: text({ enum: ['owner', 'admin', 'seat'] }).notNull(),
    createdAt: instant().notNull().defaultNow(),
    /** Removed seats keep their row, so that the calls they placed stay attributed to them. */
    removedAt: instant(),
  },
  (t) => [
    check('memberships_role_known', sql`${t.role} in ('owner', 'admin', 'seat')`),
    // A person acts for one account at a time.
    uniqueIndex('memberships_one_active_per_user').on(t.userId).where(sql`${t.removedAt} is null`),
    index('memberships_account_id_idx').on(t.accountId),
    // What a call's key (calls_seat_fk) refers to: the seat with its account and person.
    unique('memberships_seat_key').on(t.id, t.accountId, t.userId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token; the token itself is never stored. */
    tokenHash: text().primaryKey(),
    /** What Settings shows and revokes by; not a credential. */
    publicId: uuid().notNull().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant().notNull().defaultNow(),
    lastSeenAt: instant().notNull().defaultNow(),
    /** Absolute end, however active the session is. */
    expiresAt: instant().notNull(),
    ip: inet(),
    userAgent: text(),
  },
  (t) => [
    uniqueIndex('sessions_public_id_key').on(t.publicId),
    index('sessions_user_id_idx').on(t.userId),
    index('sessions_expires_at_idx').on(t.expiresAt),
  ],
);

export const loginTokens = pgTable(
  'login_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null only for a first sign-in link to an address nobody uses yet (see `email`). */
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    /** A first sign-in link's address: the person and their account are created when it is used. */
    email: text(),
    purpose: text({ enum: ['magic_link', 'password_reset', 'seat_invite', 'email_confirmation'] }).notNull(),
    /** SHA-256 of the token sent by email. */
    tokenHash: text().notNull(),
    expiresAt: instant().notNull(),
    usedAt: instant(),
    createdAt: instant().notNull().defaultNow(),
    /** The company a seat invitation of someone who already uses Mobayilo joins them to, once accepted. */
    accountId: uuid().references(() => accounts.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('login_tokens_token_hash_key').on(t.tokenHash),
    index('login_tokens_user_id_idx').on(t.userId),
    index('login_tokens_expires_at_idx').on(t.expiresAt),
    check(
      'login_tokens_user_or_new_address',
      sql`${t.userId} is not null or (${t.email} is not null and ${t.purpose} = 'magic_link')`,
    ),
    index('login_tokens_email_idx').on(t.email).where(sql`${t.email} is not null`),
    check(
      'login_tokens_purpose_known',
      sql`${t.purpose} in ('magic_link', 'password_reset', 'seat_invite', 'email_confirmation')`,
    ),
  ],
);

/**
 * Browsers where a person has signed in: their password keeps working there while guesses from elsewhere are
 * throttled per address. The cookie's token is stored only as its SHA-256.
 */
export const knownDevices = pgTable(
  'known_devices',
  {
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant().notNull().defaultNow(),
    lastUsedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index('known_devices_user_id_idx').on(t.userId),
    index('known_devices_last_used_at_idx').on(t.lastUsedAt),
  ],
);

/**
 * A company whose confirmed owner or admin claimed a domain that another company already holds with a
 * confirmed claim: platform admins decide, never first come, first served.
 */
export const domainClaimConflicts = pgTable(
  'domain_claim_conflicts',
  {
    id: uuid().primaryKey().defaultRandom(),
    domain: text().notNull(),
    /** The company asking for the domain (the holder is in `account_domains`). */
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    claimedBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant().notNull().defaultNow(),
    resolvedAt: instant(),
  },
  (t) => [
    uniqueIndex('domain_claim_conflicts_open_key')
      .on(t.domain, t.accountId)
      .where(sql`${t.resolvedAt} is null`),
    check('domain_claim_conflicts_lower_case', sql`${t.domain} = lower(${t.domain})`),
  ],
);
