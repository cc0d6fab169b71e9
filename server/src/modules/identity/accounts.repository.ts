import { and, asc, desc, eq, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import { isUniqueViolation } from '../../db/postgres.errors';
import { AppError } from '../../platform/errors/app.errors';
import { accountDomains, accounts, memberships, users } from './tables';

export type Account = typeof accounts.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type MembershipRole = Membership['role'];

export type MemberRow = {
  id: string;
  userId: string;
  email: string;
  role: MembershipRole;
  createdAt: Date;
  lastSignInAt: Date | null;
  confirmedAt: Date | null;
};

const memberColumns = {
  id: memberships.id,
  userId: memberships.userId,
  email: users.email,
  role: memberships.role,
  createdAt: memberships.createdAt,
  lastSignInAt: users.lastSignInAt,
  confirmedAt: users.confirmedAt,
};

export const accountsRepository = {
  async insertAccount(db: Executor, values: { kind: Account['kind']; name: string }): Promise<Account> {
    const [row] = await db.insert(accounts).values(values).returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  },

  async findAccount(db: Executor, id: string): Promise<Account | undefined> {
    const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
    return row;
  },

  async findAccountForUpdate(db: Executor, id: string): Promise<Account | undefined> {
    const [row] = await db.select().from(accounts).where(eq(accounts.id, id)).for('update');
    return row;
  },

  async setAccountStatus(db: Executor, id: string, status: Account['status']) {
    await db.update(accounts).set({ status }).where(eq(accounts.id, id));
  },

  /** The status of the account a membership (active or removed) belongs to. */
  async accountStatusOfMembership(
    db: Executor,
    membershipId: string,
  ): Promise<Account['status'] | undefined> {
    const [row] = await db
      .select({ status: accounts.status })
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(eq(memberships.id, membershipId));
    return row?.status;
  },

  async renameAccount(db: Executor, id: string, name: string) {
    await db.update(accounts).set({ name }).where(eq(accounts.id, id));
  },

  async insertMembership(
    db: Executor,
    values: { accountId: string; userId: string; role: MembershipRole },
  ): Promise<Membership> {
    try {
      const [row] = await db.insert(memberships).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    } catch (error) {
      if (isUniqueViolation(error, 'memberships_one_active_per_user')) {
        throw new AppError('already_has_account', 'That person already uses Mobayilo with another account.');
      }
      throw error;
    }
  },

  async activeMembershipOf(db: Executor, userId: string) {
    const [row] = await db
      .select({ membership: memberships, account: accounts })
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt)));
    return row;
  },

  async listMembers(db: Executor, accountId: string): Promise<MemberRow[]> {
    return db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.accountId, accountId), isNull(memberships.removedAt)))
      .orderBy(asc(memberships.createdAt));
  },

  /** Everyone who has ever been a member, removed ones included (their calls stay theirs). */
  async listAllMembers(db: Executor, accountId: string) {
    return db
      .select({
        id: memberships.id,
        email: users.email,
        role: memberships.role,
        removedAt: memberships.removedAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.accountId, accountId))
      .orderBy(asc(memberships.createdAt));
  },

  /** The member row, locked for the rest of the transaction so that role changes are serialised. */
  async findMemberForUpdate(
    db: Executor,
    accountId: string,
    membershipId: string,
  ): Promise<MemberRow | undefined> {
    const [row] = await db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.id, membershipId),
          eq(memberships.accountId, accountId),
          isNull(memberships.removedAt),
        ),
      )
      .for('update', { of: memberships });
    return row;
  },

  /** Locks every active owner row of the account (so two demotions cannot both see "another owner"). */
  async lockOwners(db: Executor, accountId: string): Promise<string[]> {
    const rows = await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.accountId, accountId),
          eq(memberships.role, 'owner'),
          isNull(memberships.removedAt),
        ),
      )
      .for('update');
    return rows.map((row) => row.id);
  },

  async setRole(db: Executor, membershipId: string, role: MembershipRole) {
    await db.update(memberships).set({ role }).where(eq(memberships.id, membershipId));
  },

  async markRemoved(db: Executor, membershipId: string, at: Date) {
    await db.update(memberships).set({ removedAt: at }).where(eq(memberships.id, membershipId));
  },

  async listDomains(db: Executor, accountId: string): Promise<string[]> {
    const rows = await db
      .select({ domain: accountDomains.domain })
      .from(accountDomains)
      .where(eq(accountDomains.accountId, accountId))
      .orderBy(asc(accountDomains.domain));
    return rows.map((row) => row.domain);
  },

  /** Whether an owner or admin of the account other than this person has proven their address. */
  async hasOtherConfirmedManager(db: Executor, accountId: string, userId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.accountId, accountId),
          isNull(memberships.removedAt),
          sql`${memberships.role} in ('owner', 'admin')`,
          sql`${memberships.userId} <> ${userId}`,
          sql`${users.confirmedAt} is not null`,
        ),
      )
      .limit(1);
    return row !== undefined;
  },

  /**
   * Companies where an owner or admin has an address at this domain that they have not proven yet, with those
   * addresses: the people to tell that their colleagues cannot join until they confirm.
   */
  async findUnconfirmedManagersAt(db: Executor, domain: string) {
    return db
      .select({ accountId: accounts.id, companyName: accounts.name, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(
        and(
          isNull(memberships.removedAt),
          sql`${memberships.role} in ('owner', 'admin')`,
          eq(accounts.kind, 'company'),
          eq(accounts.status, 'active'),
          isNull(users.confirmedAt),
          sql`split_part(${users.email}, '@', 2) = ${domain}`,
        ),
      );
  },

  /**
   * The company whose seats this domain provisions — but only when one of its owners or admins has proven an
   * address at that very domain, so that nobody can claim a domain they do not control.
   */
  async findCompanyProvisioning(
    db: Executor,
    domain: string,
  ): Promise<Pick<Account, 'id' | 'name'> | undefined> {
    const [row] = await db
      .select({ id: accounts.id, name: accounts.name })
      .from(accountDomains)
      .innerJoin(accounts, eq(accounts.id, accountDomains.accountId))
      .where(
        and(
          eq(accountDomains.domain, domain),
          eq(accounts.kind, 'company'),
          eq(accounts.status, 'active'),
          sql`exists (
            select 1 from ${memberships} m join ${users} u on u.id = m.user_id
            where m.account_id = ${accounts.id} and m.removed_at is null and m.role in ('owner', 'admin')
              and u.confirmed_at is not null and split_part(u.email, '@', 2) = ${domain})`,
        ),
      );
    return row;
  },

  /**
   * A membership (active or removed) with its account's kind and status: who a call is placed for. A named
   * prepared statement: every call setup asks.
   */
  async emailsOf(db: Executor, userIds: string[]): Promise<{ id: string; email: string }[]> {
    if (userIds.length === 0) return [];
    return db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, userIds));
  },

  /** The memberships of these users, with the account kind and how many other people the account has. */
  async membershipsWithCompany(db: Executor, userIds: string[]) {
    if (userIds.length === 0) return [];
    return db
      .select({
        userId: memberships.userId,
        accountId: memberships.accountId,
        accountKind: accounts.kind,
        otherMembers: sql<number>`(select count(*)::int from ${memberships} o
          where o.account_id = "memberships"."account_id" and o.user_id <> "memberships"."user_id")`,
      })
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(inArray(memberships.userId, userIds));
  },

  async deleteMembershipsOf(db: Executor, userIds: string[]) {
    if (userIds.length > 0) await db.delete(memberships).where(inArray(memberships.userId, userIds));
  },

  async deleteAccounts(db: Executor, accountIds: string[]) {
    if (accountIds.length > 0) await db.delete(accounts).where(inArray(accounts.id, accountIds));
  },

  /** For platform admins: accounts by name, id or member email, newest first, keyset-paginated. */
  async search(db: Executor, query: { q?: string; before?: { at: Date; id: string }; limit: number }) {
    const pattern = query.q ? `%${query.q.replace(/[%_\\]/g, '\\$&')}%` : undefined;
    const rows = await db
      .select({
        id: accounts.id,
        kind: accounts.kind,
        name: accounts.name,
        status: accounts.status,
        createdAt: accounts.createdAt,
        ownerEmails: sql<string[]>`coalesce((
          select array_agg(u.email order by u.email) from ${memberships} m join ${users} u on u.id = m.user_id
          where m.account_id = "accounts"."id" and m.role = 'owner' and m.removed_at is null), '{}')`,
      })
      .from(accounts)
      .where(
        and(
          pattern
            ? or(
                ilike(accounts.name, pattern),
                sql`${accounts.id}::text = ${query.q}`,
                sql`exists (select 1 from ${memberships} m join ${users} u on u.id = m.user_id
                  where m.account_id = ${accounts.id} and u.email ilike ${pattern})`,
              )
            : undefined,
          query.before
            ? or(
                lt(accounts.createdAt, query.before.at),
                and(eq(accounts.createdAt, query.before.at), lt(accounts.id, query.before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(accounts.createdAt), desc(accounts.id))
      .limit(query.limit + 1);
    return rows;
  },
};
