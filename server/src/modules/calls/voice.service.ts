import type { CallRefusalReason } from '@mobayilo/contract';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { isAppError } from '../../platform/errors/app-error';
import type { Logger } from '../../platform/logger';
import { type NormalizedPhone, parsePhone } from '../../platform/phone';
import type { Caller } from '../identity';
import type { LedgerService } from '../ledger';
import { membershipFromClient } from './call.domain';
import { type CallAssessor, startOfUtcDay } from './call-assessment';
import type { CallPolicy } from './call-policy.domain';
import { callerNotAllowedMessage, invalidNumberMessage, refusalMessages } from './calls.errors';
import type { CallMetrics } from './calls.metrics';
import { type Call, callsRepository as repository } from './calls.repository';
import { dialNumber, sayAndHangUp } from './twiml';

/** A hold outlives the call's time limit by this much, so that a late final callback can still capture it. */
const HOLD_MARGIN_MS = 15 * 60_000;

export type VoiceSettings = {
  policy: CallPolicy;
  ringTimeoutSeconds: number;
  statusCallbackUrl: string;
  dialActionUrl: string;
  defaultCallerId: string;
};

type Authorized = { minutes: number; holdCents: number };

/**
 * The voice webhook's use case: a browser asked to call a number. Resolve the caller, assess the call, hold
 * its worst case on the wallet, record it, and answer the TwiML that dials, or a spoken refusal. This is on
 * the path of every call setup, so it stays to a handful of queries.
 */
export function createVoiceService(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  metrics: CallMetrics;
  assessor: CallAssessor;
  identity: { findCaller(membershipId: string): Promise<Caller | null> };
  ledger: Pick<LedgerService, 'hold' | 'release'>;
  /** The account's own verified caller ID or company number, when it has one. */
  accountCallerId: (accountId: string) => Promise<string | null>;
  settings: VoiceSettings;
}) {
  const { db, clock, settings } = deps;
  const log = deps.logger.child({ module: 'calls' });

  function dialFor(call: Pick<Call, 'toE164' | 'callerId' | 'timeLimitSeconds'>): string {
    return dialNumber({
      number: call.toE164,
      callerId: call.callerId,
      timeLimitSeconds: call.timeLimitSeconds,
      timeoutSeconds: settings.ringTimeoutSeconds,
      actionUrl: settings.dialActionUrl,
      statusCallbackUrl: settings.statusCallbackUrl,
    });
  }

  function refuse(reason: CallRefusalReason, context: Record<string, unknown>): string {
    deps.metrics.refused.inc({ reason });
    // Insufficient credit is ordinary; every other refusal is a control at work and worth a look.
    const level = reason === 'insufficient_funds' ? 'info' : 'warn';
    log[level]({ ...context, reason }, 'call refused');
    return sayAndHangUp(refusalMessages[reason]);
  }

  /**
   * Reserves the call's worst case. `replayed`: the provider asked again for this CallSid and the first
   * request already held the money (and may have recorded the call). Null: not enough credit any more.
   */
  async function holdFor(caller: Caller, callSid: string, authorized: Authorized) {
    if (authorized.holdCents === 0) return { holdId: null, replayed: false };
    const timeLimitMs = (authorized.minutes * 60 + settings.ringTimeoutSeconds) * 1000;
    try {
      const { hold, replayed } = await deps.ledger.hold({
        accountId: caller.account.id,
        amountCents: authorized.holdCents,
        idempotencyKey: `call-hold:${callSid}`,
        expiresAt: new Date(clock.now().getTime() + timeLimitMs + HOLD_MARGIN_MS),
        reference: callSid,
        actor: `membership:${caller.membershipId}`,
      });
      return { holdId: hold.id, replayed };
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'insufficient_funds') return null;
      // A retry that came to another amount (the first request's hold lowered the credit).
      if (error.code === 'idempotency_conflict') return { holdId: null, replayed: true };
      throw error;
    }
  }

  /**
   * Assesses the call and holds what it may cost. When another call took credit between the two (a seat of
   * the same company dialing at the same moment), the call is assessed again on what is left.
   */
  async function authorize(caller: Caller, phone: NormalizedPhone, callSid: string) {
    const scope = {
      accountId: caller.account.id,
      plan: caller.account.kind,
      membershipId: caller.membershipId,
    };
    for (let attempt = 1; ; attempt += 1) {
      const { authorization, rateMicros, destination } = await deps.assessor.assess(scope, phone);
      if (!authorization.allowed) return { refused: authorization.reason };
      if (rateMicros === null) return { refused: 'unlisted_destination' as const };
      const held = await holdFor(caller, callSid, authorization);
      if (held) return { authorized: { ...authorization, rateMicros, destination }, held };
      if (attempt === 2) return { refused: 'insufficient_funds' as const };
    }
  }

  /** Resolves who calls and where to; a TwiML refusal when either cannot be. */
  async function resolve(input: { callSid: string; from: string; to: string }) {
    const membershipId = membershipFromClient(input.from);
    const caller = membershipId ? await deps.identity.findCaller(membershipId) : null;
    if (!caller) {
      deps.metrics.refused.inc({ reason: 'caller_not_allowed' });
      log.warn({ callSid: input.callSid, from: input.from }, 'call refused: unknown or inactive caller');
      return { twiml: sayAndHangUp(callerNotAllowedMessage) };
    }
    const parsed = parsePhone(input.to);
    if (!parsed.ok) {
      deps.metrics.refused.inc({ reason: 'invalid_phone_number' });
      log.info(
        { callSid: input.callSid, membershipId, problem: parsed.problem },
        'call refused: invalid number',
      );
      return { twiml: sayAndHangUp(invalidNumberMessage) };
    }
    return { caller, phone: parsed.phone };
  }

  async function place(input: { callSid: string; from: string; to: string }): Promise<string> {
    const resolved = await resolve(input);
    if (!resolved.caller) return resolved.twiml;
    const { caller, phone } = resolved;
    const context = {
      callSid: input.callSid,
      accountId: caller.account.id,
      membershipId: caller.membershipId,
      to: phone.e164,
    };
    const [outcome, ownCallerId] = await Promise.all([
      authorize(caller, phone, input.callSid),
      deps.accountCallerId(caller.account.id),
    ]);
    if (!outcome.authorized) {
      // The provider may be asking again for a call already placed, whose hold now makes it look unaffordable.
      const existing = await repository.findBySid(db, input.callSid);
      return existing ? dialFor(existing) : refuse(outcome.refused, context);
    }
    const { authorized, held } = outcome;
    if (held.replayed && held.holdId === null && authorized.holdCents > 0) {
      // A retry whose first request held another amount: answer as that request did.
      const existing = await repository.findBySid(db, input.callSid);
      if (existing) return dialFor(existing);
      throw new Error(
        `call ${input.callSid} was retried, but its first request held money and recorded no call`,
      );
    }
    const startedAt = clock.now();
    const call = {
      accountId: caller.account.id,
      userId: caller.userId,
      membershipId: caller.membershipId,
      callSid: input.callSid,
      toE164: phone.e164,
      country: phone.country,
      destination: authorized.destination,
      // Chosen here, never taken from the browser: the account's own number, else ours.
      callerId: ownCallerId ?? settings.defaultCallerId,
      rateMicros: authorized.rateMicros,
      holdId: held.holdId,
      holdCents: authorized.holdCents,
      timeLimitSeconds: authorized.minutes * 60,
      startedAt,
    };
    const limits = {
      since: startOfUtcDay(startedAt),
      maxConcurrent: settings.policy.maxConcurrent,
      dailyCapCents: settings.policy.dailyCapCents,
    };
    let recorded: Awaited<ReturnType<typeof repository.record>>;
    try {
      recorded = await repository.record(db, call, limits);
    } catch (error) {
      await releaseUnlessReplayed(held);
      throw error;
    }
    if (recorded.outcome === 'refused') {
      await releaseUnlessReplayed(held);
      return refuse(recorded.reason, context);
    }
    if (recorded.outcome === 'created') {
      deps.metrics.started.inc();
      log.info({ ...context, rateMicros: call.rateMicros, holdCents: call.holdCents }, 'call placed');
    }
    return dialFor(recorded.call);
  }

  /** A replayed hold belongs to the first request for this CallSid (and maybe its call): never released here. */
  async function releaseUnlessReplayed(held: { holdId: string | null; replayed: boolean }) {
    if (held.holdId && !held.replayed) await deps.ledger.release({ holdId: held.holdId });
  }

  return {
    /** The TwiML answering a browser's call to `to`: a dial, or a spoken refusal. */
    answer: place,
  };
}

export type VoiceService = ReturnType<typeof createVoiceService>;
