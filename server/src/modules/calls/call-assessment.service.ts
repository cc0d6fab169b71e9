import type { CallRefusalReason } from '@mobayilo/contract';
import type { Database } from '../../db/client.adapter';
import { createBatcher } from '../../platform/batcher.util';
import type { Clock } from '../../platform/clock.util';
import type { NormalizedPhone } from '../../platform/phone';
import type { RatesService } from '../rates';
import { type Authorization, authorizeCall, type CallPolicy, refuseDestination } from './call-policy.domain';
import {
  type CallerSnapshot,
  callSetupRepository as repository,
  type SnapshotQuery,
} from './call-setup.repository';

export type Assessment = {
  phone: NormalizedPhone;
  destination: string;
  /** Per minute on the caller's plan; null when the destination has no price. */
  rateMicros: number | null;
  authorization: Authorization;
};

/** The UTC day `at` falls in, as YYYY-MM-DD: daily caps count the calls started on it. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Concurrent reads share a round trip, one batch at a time, as the placements do (see voice.service.ts). */
const SNAPSHOT_BATCHES_IN_FLIGHT = 1;
const SNAPSHOT_BATCH_MAX = 128;

/**
 * Whether a caller may call a number now and for how long: the destination's rate on the caller's plan, the
 * toll-fraud controls, then the caller's available credit, today's spending and the calls in progress. The
 * price shown before a call and the voice webhook that places it decide by this same function.
 */
export function createCallAssessor(deps: {
  db: Database;
  clock: Clock;
  rates: Pick<RatesService, 'quote'>;
  policy: CallPolicy;
}) {
  const { db, policy } = deps;
  const snapshots = createBatcher({
    run: (queries: SnapshotQuery[]) => repository.snapshots(db, queries),
    maxInFlight: SNAPSHOT_BATCHES_IN_FLIGHT,
    maxBatch: SNAPSHOT_BATCH_MAX,
  });

  /** The seat, its account's available credit and what counts against its limits now; null if it may not call. */
  function snapshot(membershipId: string): Promise<CallerSnapshot | null> {
    return snapshots.submit({ membershipId, day: utcDay(deps.clock.now()) });
  }

  /** Judges a call from what is known of its caller. */
  async function judge(snapshot: CallerSnapshot, phone: NormalizedPhone): Promise<Assessment> {
    const quote = await deps.rates.quote(phone.e164, snapshot.caller.account.kind);
    const rateMicros = quote.priced ? quote.rateMicros : null;
    const destination = quote.priced ? quote.destination : phone.international;
    const refuse = (reason: CallRefusalReason): Assessment => ({
      phone,
      destination,
      rateMicros,
      authorization: { allowed: false, reason, minutes: 0 },
    });
    const destinationRefusal = refuseDestination(
      { e164: phone.e164, country: phone.country, kind: phone.kind, rateMicros },
      policy,
    );
    if (destinationRefusal || rateMicros === null)
      return refuse(destinationRefusal ?? 'unlisted_destination');
    return {
      phone,
      destination,
      rateMicros,
      authorization: authorizeCall({
        rateMicros,
        availableCents: snapshot.availableCents,
        usage: snapshot.usage,
        policy,
      }),
    };
  }

  return { snapshot, judge };
}

export type CallAssessor = ReturnType<typeof createCallAssessor>;
