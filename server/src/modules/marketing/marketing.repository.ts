import { and, desc, eq, ilike, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import { subscribers } from './tables';

export type SubscriberRow = typeof subscribers.$inferSelect;
export type SubscriberStatus = SubscriberRow['status'];

const byEmail = (email: string) => sql`lower(${subscribers.email}) = ${email.toLowerCase()}`;

export type SubscriberFilter = { status?: SubscriberStatus; q?: string };

function filterOf(filter: SubscriberFilter, before?: { at: Date; id: string }) {
  const pattern = filter.q ? `%${filter.q.replace(/[%_\\]/g, '\\$&')}%` : undefined;
  return and(
    filter.status ? eq(subscribers.status, filter.status) : undefined,
    pattern ? or(ilike(subscribers.email, pattern), ilike(subscribers.source, pattern)) : undefined,
    before
      ? or(
          lt(subscribers.createdAt, before.at),
          and(eq(subscribers.createdAt, before.at), lt(subscribers.id, before.id)),
        )
      : undefined,
  );
}

export const marketingRepository = {
  /**
   * Adds the address unless it is already there in any case. Concurrent inserts of one address meet on the
   * unique index on lower(email): one inserts, the others read the row it made.
   */
  async insertOrFind(
    db: Executor,
    values: { email: string; source: string; createdAt: Date },
  ): Promise<{ row: SubscriberRow; created: boolean }> {
    const [inserted] = await db
      .insert(subscribers)
      .values({ email: values.email.toLowerCase(), source: values.source, createdAt: values.createdAt })
      .onConflictDoNothing()
      .returning();
    if (inserted) return { row: inserted, created: true };
    const existing = await marketingRepository.findByEmail(db, values.email);
    if (!existing) throw new Error(`subscriber ${values.email} conflicted but cannot be read`);
    return { row: existing, created: false };
  },

  async findByEmail(db: Executor, email: string): Promise<SubscriberRow | undefined> {
    const [row] = await db.select().from(subscribers).where(byEmail(email));
    return row;
  },

  async findByIdsForUpdate(db: Executor, ids: readonly string[]): Promise<SubscriberRow[]> {
    return db
      .select()
      .from(subscribers)
      .where(inArray(subscribers.id, [...ids]))
      .orderBy(subscribers.id)
      .for('update');
  },

  async markInvited(db: Executor, ids: readonly string[], at: Date): Promise<SubscriberRow[]> {
    if (ids.length === 0) return [];
    return db
      .update(subscribers)
      .set({ status: 'invited', invitedAt: at })
      .where(inArray(subscribers.id, [...ids]))
      .returning();
  },

  /** The first sign-up or sign-in of a waiting or invited address; later ones change nothing. */
  async markJoined(db: Executor, email: string, at: Date): Promise<void> {
    await db
      .update(subscribers)
      .set({ status: 'joined', joinedAt: at })
      .where(and(byEmail(email), ne(subscribers.status, 'joined')));
  },

  async list(
    db: Executor,
    query: SubscriberFilter & { before?: { at: Date; id: string }; limit: number },
  ): Promise<SubscriberRow[]> {
    return db
      .select()
      .from(subscribers)
      .where(filterOf(query, query.before))
      .orderBy(desc(subscribers.createdAt), desc(subscribers.id))
      .limit(query.limit + 1);
  },

  async deleteById(db: Executor, id: string): Promise<boolean> {
    const deleted = await db
      .delete(subscribers)
      .where(eq(subscribers.id, id))
      .returning({ id: subscribers.id });
    return deleted.length > 0;
  },
};
