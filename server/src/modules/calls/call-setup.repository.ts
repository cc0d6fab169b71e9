import type { Database } from '../../db/client.adapter';
import { type PreparedStatement, runPrepared } from '../../db/prepared.util';
import type { Caller } from '../identity';
import type { CallUsage, PlacementLimits, PlacementRefusal } from './call-policy.domain';
import type { Call } from './calls.repository';

/**
 * The two statements of a call setup, each taking a batch of concurrent setups in one round trip: what is
 * known of each caller (who, the wallet's available credit, and from `call_activity` and `call_spending` the
 * calls and spending that count against the limits), and the placement of each call with its hold. Both are
 * this module's functions (sql/*.sql); they reach identity and the ledger only through the functions those
 * modules publish (`identity_seat`, `ledger_wallet_available`, `ledger_lock_wallets`, `ledger_place_holds`).
 */

/**
 * A caller, read for a call setup: null when the seat is unknown, removed, or its account closed. Read through
 * `calls_caller_snapshots` (sql/snapshots.sql), whose plan is made once per connection.
 */
export type CallerSnapshot = { caller: Caller; availableCents: number; usage: CallUsage };

/** `day`: the UTC day whose spending counts against the daily caps, as YYYY-MM-DD. */
export type SnapshotQuery = { membershipId: string; day: string };

type SnapshotRow = {
  item: number;
  membership_id: string;
  user_id: string;
  role: Caller['role'];
  account_id: string;
  account_kind: Caller['account']['kind'];
  active: boolean;
  available_cents: string;
  account_active: number;
  seat_active: number;
  account_spent: string;
  seat_spent: string;
};

const snapshotsStatement: PreparedStatement<SnapshotQuery[]> = {
  name: 'calls_caller_snapshots',
  text: `select item, membership_id, user_id, role, account_id, account_kind, active, available_cents,
      account_active, seat_active, account_spent, seat_spent
    from calls_caller_snapshots($1, $2)`,
  params: (queries) => [queries.map((q) => q.membershipId), queries.map((q) => q.day)],
};

function toSnapshot(row: SnapshotRow): CallerSnapshot | null {
  if (!row.active) return null;
  return {
    caller: {
      membershipId: row.membership_id,
      userId: row.user_id,
      role: row.role,
      account: { id: row.account_id, kind: row.account_kind },
    },
    availableCents: Number(row.available_cents),
    usage: {
      accountActive: row.account_active,
      seatActive: row.seat_active,
      accountSpentCents: Number(row.account_spent),
      seatSpentCents: Number(row.seat_spent),
    },
  };
}

/** A call to place, with the hold that pays for its worst case (none when `holdCents` is 0). */
export type Placement = {
  accountId: string;
  userId: string;
  membershipId: string;
  callSid: string;
  toE164: string;
  country: string | null;
  destination: string;
  callerId: string;
  rateMicros: number;
  holdCents: number;
  timeLimitSeconds: number;
  hold: { idempotencyKey: string; actor: string; expiresAt: Date };
  startedAt: Date;
  /** The UTC day whose spending counts against the daily caps (the call's), as YYYY-MM-DD. */
  day: string;
};

export type { PlacementLimits };

/** A new call, the one already placed for the CallSid, or why it was not placed. */
export type Placed =
  | { outcome: 'created' | 'exists'; call: Pick<Call, 'toE164' | 'callerId' | 'timeLimitSeconds'> }
  | { outcome: PlacementRefusal };

type PlacedRow = {
  item: number;
  outcome: 'created' | 'exists' | PlacementRefusal;
  to_e164: string | null;
  caller_id: string | null;
  time_limit_seconds: number | null;
};

type PlacementBatch = { placements: Placement[]; limits: PlacementLimits };

/** One placement as the JSON record `calls_place` reads (`calls_placement_items`, sql/place.sql). */
function toPlacementRecord(p: Placement) {
  return {
    account_id: p.accountId,
    user_id: p.userId,
    membership_id: p.membershipId,
    call_sid: p.callSid,
    to_e164: p.toE164,
    country: p.country,
    destination: p.destination,
    caller_id: p.callerId,
    rate_micros: p.rateMicros,
    hold_cents: p.holdCents,
    time_limit_seconds: p.timeLimitSeconds,
    hold_key: p.hold.idempotencyKey,
    hold_actor: p.hold.actor,
    hold_expires_at: p.hold.expiresAt,
    started_at: p.startedAt,
    day: p.day,
  };
}

const placeStatement: PreparedStatement<PlacementBatch> = {
  name: 'calls_place',
  text: `select item, outcome, to_e164, caller_id, time_limit_seconds from calls_place($1, $2, $3, $4, $5)`,
  params: ({ placements, limits }) => [
    JSON.stringify(placements.map(toPlacementRecord)),
    limits.maxConcurrent.account,
    limits.maxConcurrent.seat,
    limits.dailyCapCents.account,
    limits.dailyCapCents.seat,
  ],
};

function toPlaced(row: PlacedRow): Placed {
  if (row.outcome !== 'created' && row.outcome !== 'exists') return { outcome: row.outcome };
  if (row.to_e164 === null || row.caller_id === null || row.time_limit_seconds === null)
    throw new Error(`calls_place answered ${row.outcome} without the call for item ${row.item}`);
  return {
    outcome: row.outcome,
    call: { toE164: row.to_e164, callerId: row.caller_id, timeLimitSeconds: row.time_limit_seconds },
  };
}

function byAccount(a: Placement, b: Placement): number {
  return a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0;
}

export const callSetupRepository = {
  /** Each caller as a call setup sees it, in the order asked (null for one that may not call). */
  async snapshots(db: Database, queries: SnapshotQuery[]): Promise<(CallerSnapshot | null)[]> {
    const rows = await runPrepared<SnapshotRow, SnapshotQuery[]>(db, snapshotsStatement, queries);
    const snapshots: (CallerSnapshot | null)[] = new Array(queries.length).fill(null);
    for (const row of rows) snapshots[row.item - 1] = toSnapshot(row);
    return snapshots;
  },

  /**
   * Places each call with its hold in one transaction, through `calls_place` (sql/place.sql), and answers in
   * the order given. The batch goes in account order: the lock order of every transaction that takes more
   * than one account's locks.
   */
  async place(db: Database, placements: Placement[], limits: PlacementLimits): Promise<Placed[]> {
    const order = placements.map((_, index) => index);
    order.sort((a, b) => byAccount(placements[a] as Placement, placements[b] as Placement) || a - b);
    const sorted = order.map((index) => placements[index] as Placement);
    const rows = await runPrepared<PlacedRow, PlacementBatch>(db, placeStatement, {
      placements: sorted,
      limits,
    });
    if (rows.length !== placements.length)
      throw new Error(`calls_place answered ${rows.length} of ${placements.length} placements`);
    const placed: Placed[] = new Array(placements.length);
    for (const row of rows) placed[order[row.item - 1] as number] = toPlaced(row);
    return placed;
  },
};
