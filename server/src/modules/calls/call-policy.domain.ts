import type { CallRefusalReason } from '@mobayilo/contract';
import { affordableMinutes, chargeForCall } from '../rates';

/** The toll-fraud controls and limits of one call, from the CALL_* settings. */
export type CallPolicy = {
  maxMinutes: number;
  /** ISO codes people may call; null: every country not blocked. */
  allowedCountries: readonly string[] | null;
  blockedCountries: readonly string[];
  /** E.164 digit prefixes (without +). */
  blockedPrefixes: readonly string[];
  blockPremiumNumbers: boolean;
  maxRateMicros: number;
  dailyCapCents: { account: number; seat: number };
  maxConcurrent: { account: number; seat: number };
};

/** Calls in progress and money committed today (UTC) by an account and by one of its seats. */
export type CallUsage = {
  accountActive: number;
  seatActive: number;
  accountSpentCents: number;
  seatSpentCents: number;
};

export type Destination = {
  e164: string;
  country: string | null;
  /** The phone helper's kind of number ("premium_rate", "mobile"…). */
  kind: string;
  /** Per minute on the caller's plan; null when the destination is unlisted and unlisted ones are refused. */
  rateMicros: number | null;
};

/** Kinds of number that charge the caller a premium, the favourite targets of toll fraud. */
const premiumKinds = new Set(['premium_rate', 'shared_cost']);

/** Whether a destination may be called at all, whatever the caller's credit: the reason if not. */
export function refuseDestination(destination: Destination, policy: CallPolicy): CallRefusalReason | null {
  const { country } = destination;
  if (policy.allowedCountries && (!country || !policy.allowedCountries.includes(country)))
    return 'country_not_allowed';
  if (country && policy.blockedCountries.includes(country)) return 'destination_blocked';
  const digits = destination.e164.slice(1);
  if (policy.blockedPrefixes.some((prefix) => digits.startsWith(prefix))) return 'destination_blocked';
  if (policy.blockPremiumNumbers && premiumKinds.has(destination.kind)) return 'destination_blocked';
  if (destination.rateMicros === null) return 'unlisted_destination';
  if (destination.rateMicros > policy.maxRateMicros) return 'rate_above_ceiling';
  return null;
}

export type Authorization =
  | { allowed: true; minutes: number; holdCents: number }
  | { allowed: false; reason: CallRefusalReason; minutes: 0 };

function refuseConcurrent(usage: CallUsage, policy: CallPolicy): CallRefusalReason | null {
  if (usage.accountActive >= policy.maxConcurrent.account) return 'account_call_limit_reached';
  if (usage.seatActive >= policy.maxConcurrent.seat) return 'seat_call_limit_reached';
  return null;
}

function minutesWithin(cents: number, rateMicros: number, maxMinutes: number): number {
  return Math.min(affordableMinutes(Math.max(0, cents), rateMicros) ?? maxMinutes, maxMinutes);
}

/**
 * How long a call at `rateMicros` may last, and what to hold for it: the whole minutes the available credit
 * buys, within the day's remaining spending caps (account and seat) and the longest call allowed. The hold is
 * what those minutes cost under the billing rule, so a charge never exceeds it. Refused when another call
 * would pass a limit on simultaneous calls, or when not even one minute fits.
 */
export function authorizeCall(input: {
  rateMicros: number;
  availableCents: number;
  usage: CallUsage;
  policy: CallPolicy;
}): Authorization {
  const { rateMicros, usage, policy } = input;
  const refuse = (reason: CallRefusalReason): Authorization => ({ allowed: false, reason, minutes: 0 });
  const overLimit = refuseConcurrent(usage, policy);
  if (overLimit) return refuse(overLimit);

  const byCredit = minutesWithin(input.availableCents, rateMicros, policy.maxMinutes);
  const byAccountCap = minutesWithin(
    policy.dailyCapCents.account - usage.accountSpentCents,
    rateMicros,
    policy.maxMinutes,
  );
  const bySeatCap = minutesWithin(
    policy.dailyCapCents.seat - usage.seatSpentCents,
    rateMicros,
    policy.maxMinutes,
  );
  const minutes = Math.min(byCredit, byAccountCap, bySeatCap);
  if (minutes < 1) {
    if (byCredit < 1) return refuse('insufficient_funds');
    return refuse(byAccountCap < 1 ? 'account_daily_cap_reached' : 'seat_daily_cap_reached');
  }
  return { allowed: true, minutes, holdCents: chargeForCall(minutes * 60, rateMicros).costCents };
}
