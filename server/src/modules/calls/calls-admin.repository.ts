import { and, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import type { Position } from '../../platform/pagination.util';
import { calls } from './tables';

export type AdminCallFilter = {
  q?: string | undefined;
  status?: (typeof calls.$inferSelect)['status'] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

/** For platform admins: every account's calls, newest first, keyset-paginated. */
export const callsAdminRepository = {
  async list(db: Executor, query: AdminCallFilter & { before?: Position | undefined; limit: number }) {
    const { q, before } = query;
    const digits = q?.replace(/[^\d]/g, '') ?? '';
    return db
      .select()
      .from(calls)
      .where(
        and(
          q
            ? or(
                eq(calls.callSid, q),
                eq(calls.childCallSid, q),
                sql`${calls.accountId}::text = ${q}`,
                digits.length >= 3 ? sql`${calls.toE164} like ${`%${digits}%`}` : undefined,
              )
            : undefined,
          query.status ? eq(calls.status, query.status) : undefined,
          query.from ? gte(calls.startedAt, query.from) : undefined,
          query.to ? lt(calls.startedAt, query.to) : undefined,
          before
            ? or(lt(calls.startedAt, before.at), and(eq(calls.startedAt, before.at), lt(calls.id, before.id)))
            : undefined,
        ),
      )
      .orderBy(desc(calls.startedAt), desc(calls.id))
      .limit(query.limit + 1);
  },

  async findById(db: Executor, id: string) {
    const [row] = await db.select().from(calls).where(eq(calls.id, id));
    return row;
  },
};
