import { and, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import { loginTokens } from './tables';

export type LoginToken = typeof loginTokens.$inferSelect;
export type LoginTokenPurpose = LoginToken['purpose'];

export const loginTokensRepository = {
  async insert(
    db: Executor,
    values: {
      userId: string | null;
      email?: string | null;
      purpose: LoginTokenPurpose;
      tokenHash: string;
      expiresAt: Date;
      accountId?: string | null;
    },
  ): Promise<LoginToken> {
    const [row] = await db.insert(loginTokens).values(values).returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  },

  /** Uses the token if it is unused, unexpired and of one of these purposes: one statement, so only once. */
  async consume(
    db: Executor,
    tokenHash: string,
    purposes: LoginTokenPurpose[],
    now: Date,
  ): Promise<LoginToken | undefined> {
    const [row] = await db
      .update(loginTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(loginTokens.tokenHash, tokenHash),
          inArray(loginTokens.purpose, purposes),
          isNull(loginTokens.usedAt),
          gt(loginTokens.expiresAt, now),
        ),
      )
      .returning();
    return row;
  },

  async findByHash(db: Executor, tokenHash: string): Promise<LoginToken | undefined> {
    const [row] = await db.select().from(loginTokens).where(eq(loginTokens.tokenHash, tokenHash));
    return row;
  },

  /** Unused tokens of one purpose stop working when a newer one is issued or a password changes. */
  async expireUnused(db: Executor, userId: string, purpose: LoginTokenPurpose, now: Date) {
    await db
      .update(loginTokens)
      .set({ expiresAt: now })
      .where(
        and(
          eq(loginTokens.userId, userId),
          eq(loginTokens.purpose, purpose),
          isNull(loginTokens.usedAt),
          gt(loginTokens.expiresAt, now),
        ),
      );
  },

  /**
   * After a sign-in, the person's other emailed links stop working: every unused one, except invitations that
   * still have a company to join.
   */
  async expireOutstanding(db: Executor, person: { id: string; email: string }, now: Date) {
    await db
      .update(loginTokens)
      .set({ expiresAt: now })
      .where(
        and(
          or(eq(loginTokens.userId, person.id), eq(loginTokens.email, person.email)),
          isNull(loginTokens.usedAt),
          gt(loginTokens.expiresAt, now),
          isNull(loginTokens.accountId),
        ),
      );
  },

  async deleteExpiredBefore(db: Executor, before: Date): Promise<number> {
    const deleted = await db
      .delete(loginTokens)
      .where(lt(loginTokens.expiresAt, before))
      .returning({ id: loginTokens.id });
    return deleted.length;
  },
};
