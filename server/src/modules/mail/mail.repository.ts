import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import { mailOutbox } from './tables';

export type MailRow = typeof mailOutbox.$inferSelect;
export type NewMail = Pick<
  typeof mailOutbox.$inferInsert,
  'template' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody'
>;

export const mailRepository = {
  async insert(db: Executor, mail: NewMail): Promise<string> {
    const [row] = await db.insert(mailOutbox).values(mail).returning({ id: mailOutbox.id });
    if (!row) throw new Error('insert returned no row');
    return row.id;
  },

  async findById(db: Executor, id: string): Promise<MailRow | undefined> {
    const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    return row;
  },

  async markSent(db: Executor, id: string, values: { providerMessageId: string; sentAt: Date }) {
    await db
      .update(mailOutbox)
      .set({ ...values, status: 'sent', lastError: null })
      .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'pending')));
  },

  async recordFailure(db: Executor, id: string, error: string, final: boolean) {
    await db
      .update(mailOutbox)
      .set({
        attempts: sql`${mailOutbox.attempts} + 1`,
        lastError: error,
        ...(final ? { status: 'failed' as const } : {}),
      })
      .where(eq(mailOutbox.id, id));
  },

  async listRecent(db: Executor, limit: number): Promise<MailRow[]> {
    return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
  },

  async deleteOlderThan(db: Executor, before: Date): Promise<number> {
    const deleted = await db
      .delete(mailOutbox)
      .where(lt(mailOutbox.createdAt, before))
      .returning({ id: mailOutbox.id });
    return deleted.length;
  },
};
