import type { CallRefusalReason } from '@mobayilo/contract';
import type { Database } from '../../db/client.adapter';
import { createBatcher } from '../../platform/batcher.util';
import type { Clock } from '../../platform/clock.util';
import type { Logger } from '../../platform/logger.adapter';
import { type NormalizedPhone, parsePhone } from '../../platform/phone';
import type { AccountsAdminService, Caller } from '../identity';
import { membershipFromClient } from './call.domain';
import { type CallAssessor, utcDay } from './call-assessment.service';
import type { CallPolicy } from './call-policy.domain';
import {
  type CallerSnapshot,
  type Placement,
  callSetupRepository as repository,
} from './call-setup.repository';
import { callerNotAllowedMessage, invalidNumberMessage, refusalMessages } from './calls.errors';
import type { CallMetrics } from './calls.metrics';
import { type Call, callsRepository } from './calls.repository';
import { dialer, sayAndHangUp } from './twiml.mapper';

/** A hold outlives the call's time limit by this much, so that a late final callback can still capture it. */
const HOLD_MARGIN_MS = 15 * 60_000;

export type VoiceSettings = {
  policy: CallPolicy;
  ringTimeoutSeconds: number;
  statusCallbackUrl: string;
  dialActionUrl: string;
  defaultCallerId: string;
};

/**
 * Concurrent call setups share a transaction (and its commit), one batch at a time: the setups that arrive
 * meanwhile form the next batch, so batches grow with the load. Why one batch, of up to 128: bench/README.md.
 */
const PLACEMENT_BATCHES_IN_FLIGHT = 1;
const PLACEMENT_BATCH_MAX = 128;

/**
 * The voice webhook's use case: a browser asked to call a number. Resolve the caller, assess the call, place
 * it with a hold for its worst case on the wallet, and answer the TwiML that dials, or a spoken refusal. This
 * is on the path of every call setup: two round trips, each shared by the setups running at the same time
 * (what is known of the caller; the call and its hold, in one transaction).
 */
export function createVoiceService(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  metrics: CallMetrics;
  assessor: CallAssessor;
  suspension: Pick<AccountsAdminService, 'isSuspendedMembership'>;
  /** The account's own verified caller ID or company number, when it has one. */
  accountCallerId: (accountId: string) => Promise<string | null>;
  settings: VoiceSettings;
}) {
  const { db, clock, settings } = deps;
  const log = deps.logger.child({ module: 'calls' });
  const limits = {
    maxConcurrent: settings.policy.maxConcurrent,
    dailyCapCents: settings.policy.dailyCapCents,
  };
  const placements = createBatcher({
    run: (batch: Placement[]) => repository.place(db, batch, limits),
    maxInFlight: PLACEMENT_BATCHES_IN_FLIGHT,
    maxBatch: PLACEMENT_BATCH_MAX,
  });

  const dial = dialer({
    timeoutSeconds: settings.ringTimeoutSeconds,
    actionUrl: settings.dialActionUrl,
    statusCallbackUrl: settings.statusCallbackUrl,
  });

  function dialFor(call: Pick<Call, 'toE164' | 'callerId' | 'timeLimitSeconds'>): string {
    return dial({ number: call.toE164, callerId: call.callerId, timeLimitSeconds: call.timeLimitSeconds });
  }

  function refuse(reason: CallRefusalReason, context: Record<string, unknown>): string {
    deps.metrics.refused.inc({ reason });
    // Insufficient credit is ordinary; every other refusal is a control at work and worth a look.
    const level = reason === 'insufficient_funds' ? 'info' : 'warn';
    log[level]({ ...context, reason }, 'call refused');
    return sayAndHangUp(refusalMessages[reason]);
  }

  /** The caller is unknown, or its seat or account can no longer call. */
  function refuseCaller(context: Record<string, unknown>): string {
    deps.metrics.refused.inc({ reason: 'caller_not_allowed' });
    log.warn(context, 'call refused: unknown or inactive caller');
    return sayAndHangUp(callerNotAllowedMessage);
  }

  /** A caller with no snapshot: a suspended account is told so; anyone else cannot call at all. */
  async function refuseInactive(membershipId: string | null, context: Record<string, unknown>) {
    if (membershipId && (await deps.suspension.isSuspendedMembership(membershipId)))
      return refuse('account_suspended', context);
    return refuseCaller(context);
  }

  /** Resolves who calls and where to; a TwiML refusal when either cannot be. */
  async function resolve(input: { callSid: string; from: string; to: string }) {
    const membershipId = membershipFromClient(input.from);
    const snapshot = membershipId ? await deps.assessor.snapshot(membershipId) : null;
    if (!snapshot)
      return { twiml: await refuseInactive(membershipId, { callSid: input.callSid, from: input.from }) };
    const parsed = parsePhone(input.to);
    if (!parsed.ok) {
      deps.metrics.refused.inc({ reason: 'invalid_phone_number' });
      log.info(
        { callSid: input.callSid, membershipId, problem: parsed.problem },
        'call refused: invalid number',
      );
      return { twiml: sayAndHangUp(invalidNumberMessage) };
    }
    return { snapshot, phone: parsed.phone };
  }

  /** The call as it would be placed now, at the assessed rate and for the minutes authorized. */
  function placementOf(
    caller: Caller,
    callSid: string,
    assessment: { phone: NormalizedPhone; destination: string; rateMicros: number },
    authorized: { minutes: number; holdCents: number },
    callerId: string,
  ): Placement {
    const startedAt = clock.now();
    const timeLimitMs = (authorized.minutes * 60 + settings.ringTimeoutSeconds) * 1000;
    return {
      accountId: caller.account.id,
      userId: caller.userId,
      membershipId: caller.membershipId,
      callSid,
      toE164: assessment.phone.e164,
      country: assessment.phone.country,
      destination: assessment.destination,
      callerId,
      rateMicros: assessment.rateMicros,
      holdCents: authorized.holdCents,
      timeLimitSeconds: authorized.minutes * 60,
      hold: {
        idempotencyKey: `call-hold:${callSid}`,
        actor: `membership:${caller.membershipId}`,
        expiresAt: new Date(startedAt.getTime() + timeLimitMs + HOLD_MARGIN_MS),
      },
      startedAt,
      day: utcDay(startedAt),
    };
  }

  async function place(input: { callSid: string; from: string; to: string }): Promise<string> {
    const resolved = await resolve(input);
    if (!resolved.snapshot) return resolved.twiml;
    const { caller } = resolved.snapshot;
    const context = {
      callSid: input.callSid,
      accountId: caller.account.id,
      membershipId: caller.membershipId,
      to: resolved.phone.e164,
    };
    // Chosen here, never taken from the browser: the account's own number, else ours.
    const callerId = (await deps.accountCallerId(caller.account.id)) ?? settings.defaultCallerId;
    const first = await attempt(input.callSid, caller, resolved.snapshot, resolved.phone, callerId, context);
    // Another call took credit between the assessment and the placement (a seat of the same company dialing
    // at the same moment): the call is assessed once more, on what is left.
    if (first !== 'insufficient_funds') return first.twiml;
    const again = await deps.assessor.snapshot(caller.membershipId);
    if (!again) return refuseInactive(caller.membershipId, context);
    const second = await attempt(input.callSid, caller, again, resolved.phone, callerId, context);
    return second === 'insufficient_funds' ? refuse('insufficient_funds', context) : second.twiml;
  }

  /**
   * Assesses the call on `snapshot` and places it: the TwiML to answer, or `insufficient_funds` when the
   * placement found the credit taken since the snapshot.
   */
  async function attempt(
    callSid: string,
    caller: Caller,
    snapshot: CallerSnapshot,
    phone: NormalizedPhone,
    callerId: string,
    context: Record<string, unknown>,
  ): Promise<{ twiml: string } | 'insufficient_funds'> {
    const assessment = await deps.assessor.judge(snapshot, phone);
    const { authorization, rateMicros } = assessment;
    if (!authorization.allowed || rateMicros === null) {
      // The provider may be asking again for a call already placed, whose hold now makes it look unaffordable.
      const existing = await callsRepository.findBySid(db, callSid);
      if (existing) return { twiml: dialFor(existing) };
      return {
        twiml: refuse(authorization.allowed ? 'unlisted_destination' : authorization.reason, context),
      };
    }
    const placement = placementOf(caller, callSid, { ...assessment, rateMicros }, authorization, callerId);
    const placed = await placements.submit(placement);
    if (placed.outcome === 'created') {
      deps.metrics.started.inc();
      log.info({ ...context, rateMicros, holdCents: placement.holdCents }, 'call placed');
      return { twiml: dialFor(placed.call) };
    }
    if (placed.outcome === 'exists') return { twiml: dialFor(placed.call) };
    if (placed.outcome === 'insufficient_funds') return 'insufficient_funds';
    return { twiml: refuse(placed.outcome, context) };
  }

  return {
    /** The TwiML answering a browser's call to `to`: a dial, or a spoken refusal. */
    answer: place,
  };
}

export type VoiceService = ReturnType<typeof createVoiceService>;
