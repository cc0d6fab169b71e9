import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { type PreparedStatement, runPrepared } from '../../db/prepared';
import type { Position } from '../../platform/pagination';
import { type CallStatus, isFinal, STATUS_RANK } from './call.domain';
import type { CallUsage } from './call-policy.domain';
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

type UsageScope = { accountId: string; membershipId: string; since: Date };
type UsageRow = { account_active: number; seat_active: number; account_spent: string; seat_spent: string };

const usageStatement: PreparedStatement<UsageScope> = {
  name: 'calls_usage',
  text: `select count(*) filter (where settled_at is null)::int as account_active,
      count(*) filter (where settled_at is null and membership_id = $2)::int as seat_active,
      coalesce(sum(coalesce(cost_cents, hold_cents)) filter (where started_at >= $3), 0) as account_spent,
      coalesce(sum(coalesce(cost_cents, hold_cents)) filter (where started_at >= $3 and membership_id = $2), 0)
        as seat_spent
    from calls where account_id = $1 and (settled_at is null or started_at >= $3)`,
  params: (scope) => [scope.accountId, scope.membershipId, scope.since],
};

/** The limits a new call must fit, checked again under the account's lock. */
export type RecordLimits = {
  since: Date;
  maxConcurrent: { account: number; seat: number };
  dailyCapCents: { account: number; seat: number };
};

/** What the voice webhook answers with: a new call, the one already recorded for the CallSid, or a refusal. */
export type Recorded =
  | { outcome: 'created' | 'exists'; call: Pick<Call, 'toE164' | 'callerId' | 'timeLimitSeconds'> }
  | { outcome: 'refused'; reason: RefusedByLimits };
type RefusedByLimits =
  | 'account_call_limit_reached'
  | 'seat_call_limit_reached'
  | 'account_daily_cap_reached'
  | 'seat_daily_cap_reached';
type RecordedRow = {
  outcome: 'created' | 'exists' | RefusedByLimits;
  to_e164: string;
  caller_id: string;
  time_limit_seconds: number;
};

const recordStatement: PreparedStatement<[NewCall, RecordLimits]> = {
  name: 'calls_record',
  text: 'select * from calls_record($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)',
  params: ([call, limits]) => [
    call.accountId,
    call.userId,
    call.membershipId,
    call.callSid,
    call.toE164,
    call.country ?? null,
    call.destination,
    call.callerId,
    call.rateMicros,
    call.holdId ?? null,
    call.holdCents,
    call.timeLimitSeconds,
    call.startedAt,
    limits.since,
    limits.maxConcurrent.account,
    limits.maxConcurrent.seat,
    limits.dailyCapCents.account,
    limits.dailyCapCents.seat,
  ],
};

export const callsRepository = {
  /**
   * Calls in progress (not settled) and money committed today (settled costs, else holds) by an account and
   * by one of its seats, in one indexed query.
   */
  async usage(db: Executor, scope: UsageScope): Promise<CallUsage> {
    const [row] = await runPrepared<UsageRow, UsageScope>(db, usageStatement, scope);
    return {
      accountActive: row?.account_active ?? 0,
      seatActive: row?.seat_active ?? 0,
      accountSpentCents: Number(row?.account_spent ?? 0),
      seatSpentCents: Number(row?.seat_spent ?? 0),
    };
  },

  /**
   * Records a call unless one more would pass the limits, through the `calls_record` function (see its
   * migration): one round trip under the account's lock. A call with this CallSid already recorded comes back
   * as `exists`.
   */
  async record(db: Executor, call: NewCall, limits: RecordLimits): Promise<Recorded> {
    const [row] = await runPrepared<RecordedRow, [NewCall, RecordLimits]>(db, recordStatement, [
      call,
      limits,
    ]);
    if (!row) throw new Error(`calls_record returned nothing for ${call.callSid}`);
    const recorded = {
      toE164: row.to_e164,
      callerId: row.caller_id,
      timeLimitSeconds: row.time_limit_seconds,
    };
    if (row.outcome === 'created' || row.outcome === 'exists')
      return { outcome: row.outcome, call: recorded };
    return { outcome: 'refused', reason: row.outcome };
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
