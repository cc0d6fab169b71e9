import { and, desc, eq, isNull, lt, ne, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import { accounts, memberships, sessions, users } from './tables';

export type SessionRow = typeof sessions.$inferSelect;

export const sessionsRepository = {
  async insert(
    db: Executor,
    values: {
      tokenHash: string;
      userId: string;
      expiresAt: Date;
      ip: string | null;
      userAgent: string | null;
      at: Date;
    },
  ): Promise<SessionRow> {
    const { at, ...rest } = values;
    const [row] = await db
      .insert(sessions)
      .values({ ...rest, createdAt: at, lastSeenAt: at })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  },

  /** The session with its user, active membership and account, in one query. */
  async findWithPrincipal(db: Executor, tokenHash: string) {
    const [row] = await db
      .select({
        session: sessions,
        user: {
          id: users.id,
          email: users.email,
          role: users.role,
          passwordHash: users.passwordHash,
          confirmedAt: users.confirmedAt,
        },
        membership: { id: memberships.id, role: memberships.role },
        account: { id: accounts.id, kind: accounts.kind, name: accounts.name, status: accounts.status },
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(memberships, and(eq(memberships.userId, users.id), isNull(memberships.removedAt)))
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(eq(sessions.tokenHash, tokenHash));
    return row;
  },

  async touch(db: Executor, tokenHash: string, at: Date) {
    await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
  },

  async delete(db: Executor, tokenHash: string) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  },

  async deleteByPublicId(db: Executor, userId: string, publicId: string): Promise<boolean> {
    const deleted = await db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.publicId, publicId)))
      .returning({ id: sessions.publicId });
    return deleted.length > 0;
  },

  async deleteAllOfUser(db: Executor, userId: string, except?: string): Promise<number> {
    const deleted = await db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), except ? ne(sessions.tokenHash, except) : undefined))
      .returning({ publicId: sessions.publicId });
    return deleted.length;
  },

  async listOfUser(db: Executor, userId: string): Promise<SessionRow[]> {
    return db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.lastSeenAt));
  },

  /** Sessions past their absolute end or idle since `idleBefore`. */
  async deleteExpired(db: Executor, now: Date, idleBefore: Date): Promise<number> {
    const deleted = await db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore)))
      .returning({ id: sessions.publicId });
    return deleted.length;
  },
};
