import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import type { Position } from '../../platform/pagination';
import { type CallStatus, isFinal, STATUS_RANK } from './call.domain';
import type { CallUsage } from './call-policy.domain';
import { calls } from './tables';

export type Call = typeof calls.$inferSelect;
export type NewCall = Omit<
  typeof calls.$inferInsert,
  'id' | 'status' | 'answeredAt' | 'endedAt' | 'settledAt' | 'checkedAt'
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

/** Namespace of the advisory locks that serialise the start of one account's calls. */
const CALL_START_LOCK = 0x63616c6c;

const statusRank = sql.raw(
  `(case status ${Object.entries(STATUS_RANK)
    .map(([status, rank]) => `when '${status}' then ${rank}`)
    .join(' ')} end)`,
);

export const callsRepository = {
  /**
   * Calls in progress (not settled) and money committed today (settled costs, else holds) by an account and
   * by one of its seats, in one indexed query.
   */
  async usage(
    db: Executor,
    scope: { accountId: string; membershipId: string; since: Date },
  ): Promise<CallUsage> {
    const committed = sql`coalesce(${calls.costCents}, ${calls.holdCents})`;
    const today = sql`${calls.startedAt} >= ${scope.since}`;
    const seat = sql`${calls.membershipId} = ${scope.membershipId}`;
    const [row] = await db
      .select({
        accountActive: sql<number>`count(*) filter (where ${calls.settledAt} is null)::int`,
        seatActive: sql<number>`count(*) filter (where ${calls.settledAt} is null and ${seat})::int`,
        accountSpentCents: sql<number>`coalesce(sum(${committed}) filter (where ${today}), 0)::bigint`,
        seatSpentCents: sql<number>`coalesce(sum(${committed}) filter (where ${today} and ${seat}), 0)::bigint`,
      })
      .from(calls)
      .where(
        and(
          eq(calls.accountId, scope.accountId),
          or(isNull(calls.settledAt), sql`${calls.startedAt} >= ${scope.since}`),
        ),
      );
    return {
      accountActive: Number(row?.accountActive ?? 0),
      seatActive: Number(row?.seatActive ?? 0),
      accountSpentCents: Number(row?.accountSpentCents ?? 0),
      seatSpentCents: Number(row?.seatSpentCents ?? 0),
    };
  },

  /** Serialises the start of an account's calls until the transaction ends. */
  async lockAccount(tx: Executor, accountId: string) {
    await tx.execute(sql`select pg_advisory_xact_lock(${CALL_START_LOCK}, hashtext(${accountId}))`);
  },

  /** Records a call; undefined when one with this CallSid exists already (the provider retried). */
  async insert(db: Executor, values: NewCall): Promise<Call | undefined> {
    try {
      const [row] = await db.insert(calls).values(values).returning();
      return row;
    } catch (error) {
      if (isUniqueViolation(error, 'calls_call_sid_key')) return undefined;
      throw error;
    }
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
