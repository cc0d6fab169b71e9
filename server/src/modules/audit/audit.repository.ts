import { and, desc, eq, ilike, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import type { Position } from '../../platform/pagination.util';
import { auditLog } from './tables';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = Omit<typeof auditLog.$inferInsert, 'id'>;

export const auditRepository = {
  async insert(db: Executor, row: NewAuditRow): Promise<AuditRow> {
    const [inserted] = await db.insert(auditLog).values(row).returning();
    if (!inserted) throw new Error('the audit row was not inserted');
    return inserted;
  },

  /** Newest first; `q` matches the action, the target, the reason or the admin's email. */
  async list(
    db: Executor,
    query: { q?: string | undefined; target?: string | undefined; before?: Position; limit: number },
  ): Promise<AuditRow[]> {
    const pattern = query.q ? `%${query.q.replace(/[%_\\]/g, '\\$&')}%` : undefined;
    const { before } = query;
    return db
      .select()
      .from(auditLog)
      .where(
        and(
          pattern
            ? or(
                ilike(auditLog.action, pattern),
                ilike(auditLog.target, pattern),
                ilike(auditLog.reason, pattern),
                ilike(auditLog.actorEmail, pattern),
              )
            : undefined,
          query.target ? eq(auditLog.target, query.target) : undefined,
          before
            ? or(
                lt(auditLog.createdAt, before.at),
                and(eq(auditLog.createdAt, before.at), lt(auditLog.id, before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(query.limit + 1);
  },
};
