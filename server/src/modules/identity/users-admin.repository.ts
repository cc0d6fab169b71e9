import { and, desc, eq, ilike, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import type { Position } from '../../platform/pagination.util';
import { accounts, memberships, users } from './tables';

/** For platform admins: people by email, email domain or account name, newest first, keyset-paginated. */
export const usersAdminRepository = {
  async search(
    db: Executor,
    query: { q?: string | undefined; before?: Position | undefined; limit: number },
  ) {
    const pattern = query.q ? `%${query.q.replace(/[%_\\]/g, '\\$&')}%` : undefined;
    const { before } = query;
    return db
      .select({
        id: users.id,
        email: users.email,
        role: users.role,
        confirmedAt: users.confirmedAt,
        lastSignInAt: users.lastSignInAt,
        createdAt: users.createdAt,
        accountId: accounts.id,
        accountName: accounts.name,
        accountKind: accounts.kind,
        accountStatus: accounts.status,
        membershipRole: memberships.role,
      })
      .from(users)
      .leftJoin(memberships, and(eq(memberships.userId, users.id), isNull(memberships.removedAt)))
      .leftJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(
        and(
          // The email's pattern covers its domain too.
          pattern ? or(ilike(users.email, pattern), ilike(accounts.name, pattern)) : undefined,
          before
            ? or(lt(users.createdAt, before.at), and(eq(users.createdAt, before.at), lt(users.id, before.id)))
            : undefined,
        ),
      )
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(query.limit + 1);
  },
};
