import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import { isUniqueViolation } from '../../db/postgres.errors';
import { AppError } from '../../platform/errors/app.errors';
import { users } from './tables';

export type User = typeof users.$inferSelect;

export const usersRepository = {
  async findByEmail(db: Executor, email: string): Promise<User | undefined> {
    const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
    return row;
  },

  async findById(db: Executor, id: string): Promise<User | undefined> {
    const [row] = await db.select().from(users).where(eq(users.id, id));
    return row;
  },

  async insert(
    db: Executor,
    values: { email: string; passwordHash?: string | null; createdAt: Date },
  ): Promise<User> {
    try {
      const [row] = await db
        .insert(users)
        .values({
          email: values.email.toLowerCase(),
          passwordHash: values.passwordHash ?? null,
          createdAt: values.createdAt,
        })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) {
        throw new AppError('email_taken', 'An account with this email already exists. Sign in instead.', {
          fields: [{ path: 'body.email', message: 'An account with this email already exists' }],
        });
      }
      throw error;
    }
  },

  async setPasswordHash(db: Executor, userId: string, passwordHash: string) {
    await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
  },

  /** Marks the address as proven; the first proof wins. True when this call was that first proof. */
  async confirm(db: Executor, userId: string, at: Date): Promise<boolean> {
    const rows = await db
      .update(users)
      .set({ confirmedAt: at })
      .where(and(eq(users.id, userId), isNull(users.confirmedAt)))
      .returning({ id: users.id });
    return rows.length > 0;
  },

  async clearPassword(db: Executor, userId: string) {
    await db.update(users).set({ passwordHash: null }).where(eq(users.id, userId));
  },

  async recordSignIn(db: Executor, userId: string, values: { at: Date; ip: string | null }) {
    await db
      .update(users)
      .set({ signInCount: sql`${users.signInCount} + 1`, lastSignInAt: values.at, lastSignInIp: values.ip })
      .where(eq(users.id, userId));
  },

  /** Users who never proved their address nor signed in, created before `before`. */
  async findNeverSignedIn(db: Executor, before: Date): Promise<{ id: string; email: string }[]> {
    return db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(isNull(users.confirmedAt), eq(users.signInCount, 0), lt(users.createdAt, before)));
  },

  async deleteById(db: Executor, id: string) {
    await db.delete(users).where(eq(users.id, id));
  },
};
