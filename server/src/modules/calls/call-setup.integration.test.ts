import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSeat, newCaller, newCallSid, placementFor, type TestCaller } from '../../../test/support/calls';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { migrationsFolder } from '../../db/migrate.util';
import { utcDay } from './call-assessment.service';
import { type PlacementLimits, callSetupRepository as setup } from './call-setup.repository';
import { callsRepository } from './calls.repository';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const roomy: PlacementLimits = {
  maxConcurrent: { account: 100, seat: 100 },
  dailyCapCents: { account: 1_000_000, seat: 1_000_000 },
};

async function snapshotOf(caller: TestCaller) {
  const [snapshot] = await setup.snapshots(t.db, [
    { membershipId: caller.membershipId, day: utcDay(new Date()) },
  ]);
  if (!snapshot) throw new Error('caller not found');
  return snapshot;
}

/** The wallet's held money, its active holds and the calls' holds, as the database has them. */
async function books(accountId: string) {
  const result = await t.db.execute<{ held: string; holds: string; calls: string; count: number }>(sql`
    select w.held_cents as held,
      (select coalesce(sum(h.amount_cents), 0) from holds h
        where h.ledger_account_id = w.id and h.status = 'active') as holds,
      (select coalesce(sum(c.hold_cents), 0) from calls c where c.account_id = w.account_id) as calls,
      (select count(*)::int from calls c where c.account_id = w.account_id) as count
    from ledger_accounts w where w.account_id = ${accountId}`);
  const row = result.rows[0];
  if (!row) throw new Error('no wallet');
  return { held: Number(row.held), holds: Number(row.holds), calls: Number(row.calls), count: row.count };
}

/** Settles a placed call at the given cost, as the status callbacks' job does. */
async function settle(callSid: string, charge: { billedMinutes: number; costCents: number }) {
  const call = await callsRepository.findBySid(t.db, callSid);
  if (!call) throw new Error(`call ${callSid} not placed`);
  await callsRepository.markSettled(t.db, call.id, { ...charge, writtenOffCents: 0, at: new Date() });
}

describe('placing a batch of calls', () => {
  it('holds each call and records it in one go, in the order given', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const other = await newCaller(t, { cents: 100 });
    const batch = [placementFor(other, 30), placementFor(caller, 20), placementFor(caller, 50)];

    const placed = await setup.place(t.db, batch, roomy);

    expect(placed.map((p) => p.outcome)).toEqual(['created', 'created', 'created']);
    expect(placed[2]).toMatchObject({ call: { toE164: '+12025550100', timeLimitSeconds: 3000 } });
    expect(await books(caller.accountId)).toEqual({ held: 70, holds: 70, calls: 70, count: 2 });
    expect(await books(other.accountId)).toEqual({ held: 30, holds: 30, calls: 30, count: 1 });
    expect(await snapshotOf(caller)).toMatchObject({
      availableCents: 30,
      usage: { accountActive: 2, seatActive: 2, accountSpentCents: 70, seatSpentCents: 70 },
    });
  });

  it('refuses the call the wallet can no longer cover once earlier calls of the batch hold their part', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const placed = await setup.place(
      t.db,
      [placementFor(caller, 60), placementFor(caller, 60), placementFor(caller, 40)],
      roomy,
    );

    expect(placed.map((p) => p.outcome)).toEqual(['created', 'insufficient_funds', 'created']);
    expect(await books(caller.accountId)).toEqual({ held: 100, holds: 100, calls: 100, count: 2 });
  });

  it('answers a repeated CallSid with the call already placed, in the same batch or a later one', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const first = placementFor(caller, 10);
    const placed = await setup.place(t.db, [first, { ...first }], roomy);
    const again = await setup.place(t.db, [{ ...first, holdCents: 5 }], roomy);

    expect(placed.map((p) => p.outcome)).toEqual(['created', 'exists']);
    expect(again).toEqual([placed[0] && { ...placed[0], outcome: 'exists' }]);
    expect(await books(caller.accountId)).toEqual({ held: 10, holds: 10, calls: 10, count: 1 });
  });

  it('refuses a repeated CallSid as its first request was refused', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const unaffordable = placementFor(caller, 150);

    const placed = await setup.place(t.db, [unaffordable, { ...unaffordable }], roomy);

    expect(placed.map((p) => p.outcome)).toEqual(['insufficient_funds', 'insufficient_funds']);
    expect(await books(caller.accountId)).toEqual({ held: 0, holds: 0, calls: 0, count: 0 });
  });

  it('writes nothing of a batch whose hold key is already taken without its call', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const orphan = placementFor(caller, 10);
    await t.modules.ledger.service.hold({
      accountId: caller.accountId,
      amountCents: 10,
      idempotencyKey: orphan.hold.idempotencyKey,
      expiresAt: orphan.hold.expiresAt,
    });

    await expect(setup.place(t.db, [placementFor(caller, 20), orphan], roomy)).rejects.toMatchObject({
      message: 'calls_place: 0 of 2 holds placed',
    });
    expect(await books(caller.accountId)).toEqual({ held: 10, holds: 10, calls: 0, count: 0 });
  });

  it('counts the calls placed earlier in the batch against the limits of the account and the seat', async () => {
    const owner = await newCaller(t, { cents: 1_000, kind: 'company', domain: 'limits-batch.test' });
    const seat = await addSeat(t, owner, 'limits-batch.test');
    const limits: PlacementLimits = {
      maxConcurrent: { account: 3, seat: 2 },
      dailyCapCents: { account: 1_000, seat: 100 },
    };

    const placed = await setup.place(
      t.db,
      [
        placementFor(owner, 10),
        placementFor(owner, 10),
        placementFor(owner, 10),
        placementFor(seat, 95),
        placementFor(seat, 5),
        placementFor(seat, 5),
      ],
      limits,
    );

    // One account: each call counts the ones before it, whichever seat placed them.
    expect(placed.map((p) => p.outcome)).toEqual([
      'created',
      'created',
      'seat_call_limit_reached',
      'created',
      'account_call_limit_reached',
      'account_call_limit_reached',
    ]);
    expect(await snapshotOf(seat)).toMatchObject({
      usage: { accountActive: 3, seatActive: 1, accountSpentCents: 115, seatSpentCents: 95 },
    });
  });

  it('keeps the usage counts in step when a call is settled', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const call = placementFor(caller, 40);
    await setup.place(t.db, [call], roomy);

    await settle(call.callSid, { billedMinutes: 1, costCents: 2 });

    expect((await snapshotOf(caller)).usage).toEqual({
      accountActive: 0,
      seatActive: 0,
      accountSpentCents: 2,
      seatSpentCents: 2,
    });
  });

  it('never holds more than a wallet has when batches for the same accounts run on parallel connections', async () => {
    const callers = await Promise.all([100, 70, 45].map((cents) => newCaller(t, { cents })));
    const batches = Array.from({ length: 24 }, (_, n) =>
      Array.from({ length: 4 }, (_, k) =>
        placementFor(callers[(n + k) % 3] as TestCaller, 1 + ((n * k) % 7)),
      ),
    );

    const placed = (await Promise.all(batches.map((batch) => setup.place(t.db, batch, roomy)))).flat();

    expect(placed.some((p) => p.outcome === 'insufficient_funds')).toBe(true);
    for (const [index, caller] of callers.entries()) {
      const state = await books(caller.accountId);
      const balance = [100, 70, 45][index] as number;
      expect(state.held).toBe(state.holds);
      expect(state.held).toBe(state.calls);
      expect(state.held).toBeLessThanOrEqual(balance);
      expect(await snapshotOf(caller)).toMatchObject({
        availableCents: balance - state.held,
        usage: { accountActive: state.count, accountSpentCents: state.held },
      });
    }
    const created = placed.filter((p) => p.outcome === 'created').length;
    expect(created).toBe(
      (await Promise.all(callers.map((c) => books(c.accountId)))).reduce((n, b) => n + b.count, 0),
    );
  });

  it('counts the calls one statement inserts for each seat and UTC day, and takes a deleted call away', async () => {
    const owner = await newCaller(t, { kind: 'company', domain: 'statement.example' });
    const seat = await addSeat(t, owner, 'statement.example');
    const rows = [
      { caller: owner, startedAt: '2026-11-28T23:59:59Z', hold: 10, cost: null },
      { caller: owner, startedAt: '2026-11-29T00:00:00Z', hold: 20, cost: null },
      { caller: owner, startedAt: '2026-11-29T08:00:00Z', hold: 30, cost: 4 },
      { caller: seat, startedAt: '2026-11-29T09:00:00Z', hold: 40, cost: null },
      { caller: seat, startedAt: '2026-11-29T10:00:00Z', hold: 50, cost: null },
    ];
    const values = sql.join(
      rows.map(
        (
          row,
        ) => sql`(${row.caller.accountId}::uuid, ${row.caller.userId}::uuid, ${row.caller.membershipId}::uuid,
          ${newCallSid()}, '+12025550100', 'US', 'United States', '+15005550006', 17500, ${row.hold},
          ${row.hold * 60}, ${row.startedAt}::timestamptz, ${row.cost}::bigint,
          case when ${row.cost}::bigint is null then null else now() end)`,
      ),
      sql`, `,
    );
    const inserted = await t.db.execute<{ id: string }>(sql`
      insert into calls (account_id, user_id, membership_id, call_sid, to_e164, country, destination, caller_id,
        rate_micros, hold_cents, time_limit_seconds, started_at, cost_cents, settled_at)
      values ${values} returning id`);
    const usage = async () =>
      (
        await t.db.execute<{ seat: string; day: string; active: number; committed: number }>(sql`
          select s.membership_id as seat, to_char(s.day, 'YYYY-MM-DD') as day,
                 coalesce(a.active_calls, 0)::int as active, s.committed_cents::int as committed
            from call_spending s
            left join call_activity a on a.account_id = s.account_id and a.membership_id = s.membership_id
           where s.account_id = ${owner.accountId} and s.committed_cents <> 0
           order by 1, 2`)
      ).rows;
    // Active calls are kept per seat, money committed per seat and day: each day's row shows its seat's calls.
    const expected = [
      { seat: owner.membershipId, day: '2026-11-28', active: 2, committed: 10 },
      { seat: owner.membershipId, day: '2026-11-29', active: 2, committed: 24 },
      { seat: seat.membershipId, day: '2026-11-29', active: 2, committed: 90 },
    ].sort((a, b) => (`${a.seat} ${a.day}` < `${b.seat} ${b.day}` ? -1 : 1));
    expect(await usage()).toEqual(expected);

    await t.db.execute(sql`delete from calls where id = ${inserted.rows[4]?.id}::uuid`);
    expect(await usage()).toEqual(
      expected.map((row) => (row.seat === seat.membershipId ? { ...row, active: 1, committed: 40 } : row)),
    );
  });

  it('refuses a call whose account or person is not its seat’s, and writes nothing', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const other = await newCaller(t, { cents: 100 });
    const before = [await books(caller.accountId), await books(other.accountId)];
    const seatKey = { code: '23503', constraint: 'calls_seat_fk' };

    await expect(
      setup.place(t.db, [{ ...placementFor(caller, 30), accountId: other.accountId }], roomy),
    ).rejects.toMatchObject(seatKey);
    await expect(
      setup.place(t.db, [{ ...placementFor(caller, 30), userId: other.userId }], roomy),
    ).rejects.toMatchObject(seatKey);

    expect([await books(caller.accountId), await books(other.accountId)]).toEqual(before);
  });

  it('counts, when migrating, the calls placed before the counts were kept as the triggers count them', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const calls = [placementFor(caller, 30), placementFor(caller, 20)];
    await setup.place(t.db, calls, roomy);
    await settle(calls[0]?.callSid ?? '', { billedMinutes: 2, costCents: 4 });
    const counts = () =>
      t.db.execute(sql`
        select (select coalesce(sum(active_calls), 0)::int from call_activity) as active,
          (select coalesce(sum(committed_cents), 0)::int from call_spending) as committed`);
    const kept = (await counts()).rows[0];

    const backfill = readFileSync(path.join(migrationsFolder, '0012_calls_place.sql'), 'utf8')
      .split('--> statement-breakpoint')
      .map((statement) => statement.trim())
      .filter((statement) => /^INSERT INTO call_(activity|spending)/.test(statement));
    expect(backfill).toHaveLength(2);
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`delete from call_activity`);
      await tx.execute(sql`delete from call_spending`);
      for (const statement of backfill) await tx.execute(sql.raw(statement));
    });

    expect((await counts()).rows[0]).toEqual(kept);
    expect(await snapshotOf(caller)).toMatchObject({
      usage: { accountActive: 1, seatActive: 1, accountSpentCents: 24, seatSpentCents: 24 },
    });
  });
});
