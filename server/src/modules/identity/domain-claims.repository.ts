import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.adapter';
import { accountDomains, accounts, domainClaimConflicts, memberships, users } from './tables';

const claimant = alias(accounts, 'claimant');
const holder = alias(accounts, 'holder');

export const domainClaimsRepository = {
  /** The company holding the domain, locked for the rest of the transaction. */
  async findHolderForUpdate(db: Executor, domain: string): Promise<string | undefined> {
    const [row] = await db
      .select({ accountId: accountDomains.accountId })
      .from(accountDomains)
      .where(eq(accountDomains.domain, domain))
      .for('update');
    return row?.accountId;
  },

  /** Whether an owner or admin of the company has proven an address at the domain: a claim that counts. */
  async hasConfirmedManagerAt(db: Executor, accountId: string, domain: string): Promise<boolean> {
    const [row] = await db
      .select({ one: sql<number>`1` })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.accountId, accountId),
          isNull(memberships.removedAt),
          sql`${memberships.role} in ('owner', 'admin')`,
          sql`${users.confirmedAt} is not null`,
          sql`split_part(${users.email}, '@', 2) = ${domain}`,
        ),
      )
      .limit(1);
    return row !== undefined;
  },

  /** False when another company took the domain at the same moment. */
  async insertClaim(db: Executor, accountId: string, domain: string): Promise<boolean> {
    const rows = await db
      .insert(accountDomains)
      .values({ domain, accountId })
      .onConflictDoNothing()
      .returning({ domain: accountDomains.domain });
    return rows.length > 0;
  },

  async moveClaim(db: Executor, domain: string, accountId: string) {
    await db.update(accountDomains).set({ accountId }).where(eq(accountDomains.domain, domain));
  },

  async removeClaimsExcept(db: Executor, accountId: string, keep: string[]) {
    await db.delete(accountDomains).where(
      and(
        eq(accountDomains.accountId, accountId),
        keep.length > 0
          ? sql`${accountDomains.domain} not in (${sql.join(
              keep.map((domain) => sql`${domain}`),
              sql`, `,
            )})`
          : undefined,
      ),
    );
  },

  async recordConflict(db: Executor, values: { domain: string; accountId: string; claimedBy: string }) {
    await db.insert(domainClaimConflicts).values(values).onConflictDoNothing();
  },

  async openConflictDomainsOf(db: Executor, accountId: string): Promise<string[]> {
    const rows = await db
      .select({ domain: domainClaimConflicts.domain })
      .from(domainClaimConflicts)
      .where(and(eq(domainClaimConflicts.accountId, accountId), isNull(domainClaimConflicts.resolvedAt)))
      .orderBy(asc(domainClaimConflicts.domain));
    return rows.map((row) => row.domain);
  },

  /** Open conflicts with both companies, oldest first, for the admin console. */
  async listOpenConflicts(db: Executor) {
    return db
      .select({
        id: domainClaimConflicts.id,
        domain: domainClaimConflicts.domain,
        createdAt: domainClaimConflicts.createdAt,
        claimedBy: users.email,
        claimant: { id: claimant.id, name: claimant.name },
        holder: { id: holder.id, name: holder.name },
      })
      .from(domainClaimConflicts)
      .innerJoin(claimant, eq(claimant.id, domainClaimConflicts.accountId))
      .innerJoin(users, eq(users.id, domainClaimConflicts.claimedBy))
      .leftJoin(accountDomains, eq(accountDomains.domain, domainClaimConflicts.domain))
      .leftJoin(holder, eq(holder.id, accountDomains.accountId))
      .where(isNull(domainClaimConflicts.resolvedAt))
      .orderBy(asc(domainClaimConflicts.createdAt))
      .limit(200);
  },
};
