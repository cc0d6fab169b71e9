import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import { isAppError } from '../../platform/errors/app.errors';
import type { Logger } from '../../platform/logger.adapter';
import { parsePhone } from '../../platform/phone';
import type { DialOutcome, TelephonyProvider } from '../../providers/telephony';
import type { EventOutcome } from '../inbox';
import type { LedgerService } from '../ledger';
import { chargeForCall } from '../rates';
import { fromProviderStatus, isFinal } from './call.domain';
import type { CallMetrics } from './calls.metrics';
import { type Call, callsRepository as repository, type StatusChange } from './calls.repository';

/** A call is asked about once it is this old, and then at most this often, until it is settled. */
const STALE_AFTER_MS = 2 * 60_000;
const SWEEP_BATCH = 100;
const ACTOR = 'job:calls';

/**
 * Applies the provider's news of a call: its status moves forward, and its final status settles it (the
 * ledger tells its debit listeners, auto top-up among them, about the charge). The
 * charge is the billing rule applied to the connected seconds at the rate the call started with, captured
 * from the call's hold in one transfer (the rest released); a call that never connected costs nothing. A
 * charge never exceeds the hold: anything beyond it is written off and logged as an error.
 */
export function createSettlementService(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  metrics: CallMetrics;
  ledger: Pick<LedgerService, 'capture' | 'release' | 'debit' | 'transfer'>;
  telephony: Pick<TelephonyProvider, 'fetchDialOutcome'>;
}) {
  const { db, clock, ledger } = deps;
  const log = deps.logger.child({ module: 'calls' });

  function memoFor(call: Call, billedMinutes: number): string {
    const parsed = parsePhone(call.toE164);
    const number = parsed.ok ? parsed.phone.international : call.toE164;
    return `Call to ${number} · ${billedMinutes} min`;
  }

  /** Charges `amountCents` from the call's hold; returns what was actually charged. */
  async function charge(call: Call, holdId: string, amountCents: number, memo: string): Promise<number> {
    // The seat as actor: the wallet's usage per seat counts calls by it.
    const details = {
      kind: 'call' as const,
      reference: call.callSid,
      memo,
      actor: `membership:${call.membershipId}`,
    };
    if (await captureUnlessEnded(holdId, amountCents, details)) return amountCents;
    // The hold ended before the final callback came (it expired): charge the wallet as far as it goes.
    log.warn({ callSid: call.callSid, holdId }, 'call hold ended before settlement; charging the wallet');
    await releaseUnlessCaptured(holdId);
    try {
      await ledger.debit({
        accountId: call.accountId,
        amountCents,
        idempotencyKey: `call:${call.callSid}`,
        ...details,
      });
      return amountCents;
    } catch (error) {
      if (isAppError(error) && error.code === 'insufficient_funds') return 0;
      throw error;
    }
  }

  /** Captures from the hold: false when the hold had ended first (expired, or settled otherwise). */
  async function captureUnlessEnded(
    holdId: string,
    amountCents: number,
    details: { kind: 'call'; reference: string; memo: string; actor: string },
  ): Promise<boolean> {
    try {
      await ledger.capture({ holdId, amountCents, ...details });
      return true;
    } catch (error) {
      if (isAppError(error) && (error.code === 'hold_expired' || error.code === 'hold_settled')) return false;
      throw error;
    }
  }

  /**
   * Frees what an ended hold still reserves (an expired hold the sweeper has not reached yet); a hold
   * released or expired already is left as it is, and so is one captured (`hold_settled`).
   */
  async function releaseUnlessCaptured(holdId: string): Promise<void> {
    try {
      await ledger.release({ holdId });
    } catch (error) {
      if (!isAppError(error) || error.code !== 'hold_settled') throw error;
    }
  }

  async function writeOff(call: Call, amountCents: number, costCents: number) {
    await ledger.transfer({
      kind: 'write_off',
      from: { system: 'write_offs' },
      to: { system: 'call_revenue' },
      amountCents,
      idempotencyKey: `call-write-off:${call.callSid}`,
      reference: call.callSid,
      memo: `Call charge beyond its hold (${costCents} cents)`,
      actor: ACTOR,
    });
    deps.metrics.writtenOffCents.inc(amountCents);
    log.error(
      { callSid: call.callSid, accountId: call.accountId, costCents, holdCents: call.holdCents, amountCents },
      'call cost more than its hold: the difference was written off',
    );
  }

  /** Settles a call in a final status, once: capture or release its hold, then record the cost. */
  async function settle(call: Call) {
    const connectedSeconds = call.status === 'completed' ? (call.durationSeconds ?? 0) : 0;
    const { billedMinutes, costCents } = chargeForCall(connectedSeconds, call.rateMicros);
    const chargeable = Math.min(costCents, call.holdCents);
    let charged = 0;
    if (call.holdId && chargeable > 0)
      charged = await charge(call, call.holdId, chargeable, memoFor(call, billedMinutes));
    else if (call.holdId) await ledger.release({ holdId: call.holdId });
    const shortfall = costCents - charged;
    if (shortfall > 0) await writeOff(call, shortfall, costCents);
    const settled = await repository.markSettled(db, call.id, {
      billedMinutes,
      costCents: charged,
      writtenOffCents: shortfall,
      at: clock.now(),
    });
    if (!settled) return;
    if (settled.status === 'completed') deps.metrics.completed.inc();
    else deps.metrics.failed.inc({ status: settled.status });
  }

  /** Applies one status change; idempotent, so that a repeated or reordered event changes nothing. */
  async function applyChange(change: StatusChange): Promise<EventOutcome> {
    const advanced = await repository.advance(db, change);
    const call = advanced ?? (await repository.findBySid(db, change.callSid));
    if (!call) return { status: 'ignored', outcome: `no call ${change.callSid}` };
    const unsettledFinal = isFinal(call.status) && call.settledAt === null;
    if (!advanced && !unsettledFinal) {
      return { status: 'ignored', outcome: `${change.status} came after ${call.status}` };
    }
    if (unsettledFinal) await settle(call);
    return { status: 'processed', outcome: `${call.status}${unsettledFinal ? ', settled' : ''}` };
  }

  /** What the provider says became of a call, as a status change (an unknown call ended unconnected). */
  function changeFrom(call: Call, outcome: Exclude<DialOutcome, { state: 'active' }>): StatusChange {
    if (outcome.state === 'unknown') {
      return {
        callSid: call.callSid,
        status: 'failed',
        childCallSid: null,
        at: clock.now(),
        durationSeconds: 0,
      };
    }
    return {
      callSid: call.callSid,
      status: fromProviderStatus(outcome.status) ?? 'failed',
      childCallSid: outcome.childCallSid,
      at: clock.now(),
      durationSeconds: outcome.durationSeconds,
    };
  }

  /**
   * Closes calls whose final callback never came: every unsettled call older than a few minutes is asked
   * about at the provider, and settled when it has ended. Returns how many were asked about and settled.
   */
  async function sweepStale(): Promise<{ checked: number; settled: number }> {
    const now = clock.now();
    const before = new Date(now.getTime() - STALE_AFTER_MS);
    const due = await repository.findUnsettled(db, {
      startedBefore: before,
      checkedBefore: before,
      limit: SWEEP_BATCH,
    });
    let settled = 0;
    for (const call of due) {
      try {
        const outcome = await deps.telephony.fetchDialOutcome(call.callSid);
        if (outcome.state === 'active') continue;
        await applyChange(changeFrom(call, outcome));
        settled += 1;
      } catch (error) {
        log.warn({ err: error, callSid: call.callSid }, 'could not close a stale call; will try again');
      }
    }
    await repository.markChecked(
      db,
      due.map((call) => call.id),
      now,
    );
    if (settled > 0)
      log.warn({ settled, checked: due.length }, 'closed calls whose final callback never came');
    return { checked: due.length, settled };
  }

  return { applyChange, sweepStale };
}

export type SettlementService = ReturnType<typeof createSettlementService>;
