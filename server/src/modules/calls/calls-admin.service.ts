import type { Database } from '../../db/client.adapter';
import { AppError } from '../../platform/errors/app.errors';
import { decodeCursor, pageOf } from '../../platform/pagination.util';
import type { InboxService } from '../inbox';
import { type AdminCallFilter, callsAdminRepository as repository } from './calls-admin.repository';
import type { calls } from './tables';

type CallRow = typeof calls.$inferSelect;

const iso = (at: Date | null) => at?.toISOString() ?? null;

function toAdminCall(row: CallRow) {
  return {
    id: row.id,
    callSid: row.callSid,
    childCallSid: row.childCallSid,
    accountId: row.accountId,
    userId: row.userId,
    to: row.toE164,
    destination: row.destination,
    country: row.country,
    status: row.status,
    rateMicros: row.rateMicros,
    holdCents: row.holdCents,
    startedAt: row.startedAt.toISOString(),
    answeredAt: iso(row.answeredAt),
    endedAt: iso(row.endedAt),
    durationSeconds: row.durationSeconds,
    billedMinutes: row.billedMinutes,
    costCents: row.costCents,
    settledAt: iso(row.settledAt),
  };
}

/**
 * The call's own milestones in the order they happen; not sorted by time, since answered and ended carry the
 * provider's timestamps (whole seconds, its clock) while placed and settled carry ours.
 */
function timelineOf(row: CallRow) {
  const steps: { at: Date | null; what: string }[] = [
    { at: row.startedAt, what: `Placed to ${row.toE164}, holding ${row.holdCents} cents` },
    { at: row.answeredAt, what: 'Answered' },
    { at: row.endedAt, what: `Ended: ${row.status.replace('_', ' ')}` },
    {
      at: row.settledAt,
      what: `Settled: ${row.billedMinutes ?? 0} min billed, ${row.costCents ?? 0} cents charged`,
    },
  ];
  return steps
    .filter((step): step is { at: Date; what: string } => step.at !== null)
    .map((step) => ({ at: step.at.toISOString(), what: step.what }));
}

/** Platform admins look at any account's calls. */
export function createCallsAdminService(deps: {
  db: Database;
  inbox: Pick<InboxService, 'eventsByKeyPrefixes'>;
}) {
  const { db } = deps;
  return {
    async list(query: AdminCallFilter & { cursor?: string | undefined; limit: number }) {
      const before = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await repository.list(db, { ...query, before });
      const page = pageOf(rows, query.limit, (row) => ({ at: row.startedAt, id: row.id }));
      return { items: page.items.map(toAdminCall), nextCursor: page.nextCursor };
    },

    /** A call, its timeline, and the provider's status and dial events for both of its legs. */
    async detail(id: string) {
      const row = await repository.findById(db, id);
      if (!row) throw new AppError('not_found', 'There is no call with that id.');
      const prefixes = [`call-dial:${row.callSid}`, `call-status:${row.callSid}:`];
      if (row.childCallSid) prefixes.push(`call-status:${row.childCallSid}:`);
      const events = await deps.inbox.eventsByKeyPrefixes('twilio', prefixes);
      return {
        call: toAdminCall(row),
        timeline: timelineOf(row),
        events: events.map((event) => ({
          id: event.id,
          type: event.type,
          eventKey: event.eventKey,
          status: event.status,
          outcome: event.outcome,
          attempts: event.attempts,
          receivedAt: event.receivedAt.toISOString(),
          processedAt: iso(event.processedAt),
        })),
      };
    },
  };
}

export type CallsAdminService = ReturnType<typeof createCallsAdminService>;
