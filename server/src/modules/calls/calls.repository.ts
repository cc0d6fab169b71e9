import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import type { Position } from '../../platform/pagination.util';
import { type CallStatus, isFinal, STATUS_RANK } from './call.domain';
import { calls } from './tables';

export type Call = typeof calls.$inferSelect;
export type NewCall = Pick<
  typeof calls.$inferInsert,
  | 'accountId'
  | 'userId'
  | 'membershipId'
  | 'callSid'
  | 'toE164'
  | 'country'
  | 'destination'
  | 'callerId'
  | 'rateMicros'
  | 'holdId'
  | 'holdCents'
  | 'timeLimitSeconds'
  | 'startedAt'
>;

/** A status change reported by the provider, in our words. */
export type StatusChange = {
  callSid: string;
  status: CallStatus;
  childCallSid: string | null;
  at: Date;
  /** Seconds connected, with a final status. */
  durationSeconds: number | null;
};

const statusRank = sql.raw(
  `(case status ${Object.entries(STATUS_RANK)
    .map(([status, rank]) => `when '${status}' then ${rank}`)
    .join(' ')} end)`,
);

export const callsRepository = {
  /** A call of one seat by id; undefined when there is none or it is another seat's. */
  async findOwn(db: Executor, id: string, membershipId: string): Promise<Call | undefined> {
    const [row] = await db
      .select()
      .from(calls)
      .where(and(eq(calls.id, id), eq(calls.membershipId, membershipId)));
    return row;
  },

  async findBySid(db: Executor, callSid: string): Promise<Call | undefined> {
    const [row] = await db.select().from(calls).where(eq(calls.callSid, callSid));
    return row;
  },

  /**
   * Moves an unsettled call forward to `change.status`, in one conditional statement: undefined when the call
   * is unknown, settled, or already at that status or beyond (a late or repeated callback).
   */
  async advance(db: Executor, change: StatusChange): Promise<Call | undefined> {
    const final = isFinal(change.status);
    const answeredAt =
      change.status === 'in_progress'
        ? change.at
        : final && change.durationSeconds
          ? new Date(change.at.getTime() - change.durationSeconds * 1000)
          : null;
    const [row] = await db
      .update(calls)
      .set({
        status: change.status,
        childCallSid: sql`coalesce(${calls.childCallSid}, ${change.childCallSid})`,
        ...(answeredAt ? { answeredAt: sql`coalesce(${calls.answeredAt}, ${answeredAt})` } : {}),
        ...(final ? { endedAt: change.at, durationSeconds: change.durationSeconds ?? 0 } : {}),
      })
      .where(
        and(
          eq(calls.callSid, change.callSid),
          isNull(calls.settledAt),
          sql`${statusRank} < ${STATUS_RANK[change.status]}`,
        ),
      )
      .returning();
    return row;
  },

  /** Records what a final call cost; undefined when it was settled already. */
  async markSettled(
    db: Executor,
    id: string,
    values: { billedMinutes: number; costCents: number; writtenOffCents: number; at: Date },
  ): Promise<Call | undefined> {
    const [row] = await db
      .update(calls)
      .set({
        billedMinutes: values.billedMinutes,
        costCents: values.costCents,
        writtenOffCents: values.writtenOffCents,
        settledAt: values.at,
      })
      .where(and(eq(calls.id, id), isNull(calls.settledAt)))
      .returning();
    return row;
  },

  /** A page of calls, newest first: an account's, or only one seat's. */
  async list(
    db: Executor,
    query: { accountId: string; membershipId: string | null; before?: Position; limit: number },
  ): Promise<Call[]> {
    return db
      .select()
      .from(calls)
      .where(
        and(
          eq(calls.accountId, query.accountId),
          query.membershipId ? eq(calls.membershipId, query.membershipId) : undefined,
          query.before
            ? or(
                lt(calls.startedAt, query.before.at),
                and(eq(calls.startedAt, query.before.at), lt(calls.id, query.before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(calls.startedAt), desc(calls.id))
      .limit(query.limit + 1);
  },

  /** The last distinct numbers a seat called, most recent first. */
  async recentNumbers(db: Executor, membershipId: string, limit: number) {
    return db
      .select({
        to: calls.toE164,
        destination: sql<string>`(array_agg(${calls.destination} order by ${calls.startedAt} desc))[1]`,
        country: sql<string | null>`(array_agg(${calls.country} order by ${calls.startedAt} desc))[1]`,
        lastCalledAt: sql<Date>`max(${calls.startedAt})`.mapWith(calls.startedAt),
      })
      .from(calls)
      .where(eq(calls.membershipId, membershipId))
      .groupBy(calls.toE164)
      .orderBy(desc(sql`max(${calls.startedAt})`))
      .limit(limit);
  },

  /** Unsettled calls started before `startedBefore` and not asked about since `checkedBefore`, oldest first. */
  async findUnsettled(
    db: Executor,
    query: { startedBefore: Date; checkedBefore: Date; limit: number },
  ): Promise<Call[]> {
    return db
      .select()
      .from(calls)
      .where(
        and(
          isNull(calls.settledAt),
          lt(calls.startedAt, query.startedBefore),
          or(isNull(calls.checkedAt), lt(calls.checkedAt, query.checkedBefore)),
        ),
      )
      .orderBy(calls.startedAt)
      .limit(query.limit);
  },

  async markChecked(db: Executor, ids: string[], at: Date) {
    if (ids.length > 0) await db.update(calls).set({ checkedAt: at }).where(inArray(calls.id, ids));
  },
};
