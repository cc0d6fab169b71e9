import type { CallRefusalReason } from '@mobayilo/contract';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { isAppError } from '../../platform/errors/app-error';
import type { NormalizedPhone } from '../../platform/phone';
import type { LedgerService } from '../ledger';
import type { RatePlan, RatesService } from '../rates';
import { type Authorization, authorizeCall, type CallPolicy, refuseDestination } from './call-policy.domain';
import { callsRepository as repository } from './calls.repository';

/** Who is about to call: the account, its plan, and the seat. */
export type CallerScope = { accountId: string; plan: RatePlan; membershipId: string };

export type Assessment = {
  phone: NormalizedPhone;
  destination: string;
  /** Per minute on the caller's plan; null when the destination has no price. */
  rateMicros: number | null;
  authorization: Authorization;
};

/** Midnight UTC of the day `at` falls in: daily caps count from there. */
export function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/**
 * Whether a caller may call a number now and for how long: the destination's rate on the caller's plan, the
 * toll-fraud controls, then the caller's available credit, today's spending and the calls in progress. The
 * price shown before a call and the voice webhook that places it decide by this same function.
 */
export function createCallAssessor(deps: {
  db: Database;
  clock: Clock;
  rates: Pick<RatesService, 'quote'>;
  ledger: Pick<LedgerService, 'walletSummary'>;
  policy: CallPolicy;
}) {
  const { db, policy } = deps;

  /** The wallet's available credit; an account that never had money has none. */
  async function availableCents(accountId: string): Promise<number> {
    try {
      return (await deps.ledger.walletSummary(accountId)).availableCents;
    } catch (error) {
      if (isAppError(error) && error.code === 'unknown_ledger_account') return 0;
      throw error;
    }
  }

  async function assess(caller: CallerScope, phone: NormalizedPhone): Promise<Assessment> {
    const quote = await deps.rates.quote(phone.e164, caller.plan);
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
    const [available, usage] = await Promise.all([
      availableCents(caller.accountId),
      repository.usage(db, {
        accountId: caller.accountId,
        membershipId: caller.membershipId,
        since: startOfUtcDay(deps.clock.now()),
      }),
    ]);
    return {
      phone,
      destination,
      rateMicros,
      authorization: authorizeCall({ rateMicros, availableCents: available, usage, policy }),
    };
  }

  return { assess, availableCents };
}

export type CallAssessor = ReturnType<typeof createCallAssessor>;
