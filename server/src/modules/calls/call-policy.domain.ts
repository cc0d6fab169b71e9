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

/** The limits a call must fit when it is placed: calls in progress, and money committed on its UTC day. */
export type PlacementLimits = Pick<CallPolicy, 'maxConcurrent' | 'dailyCapCents'>;

/** What counts against a new call's limits when it is placed: the caller's usage and the wallet's credit. */
export type PlacementState = { usage: CallUsage; availableCents: number };

export type PlacementRefusal =
  | 'account_call_limit_reached'
  | 'seat_call_limit_reached'
  | 'account_daily_cap_reached'
  | 'seat_daily_cap_reached'
  | 'insufficient_funds';

/**
 * The invariants a call holding `holdCents` must keep when it is placed, in the order they are checked:
 * - `simultaneous_calls`: the calls in progress stay below the limits, account then seat;
 * - `daily_caps`: the money committed on the call's UTC day stays within the caps, account then seat;
 * - `wallet_never_negative`: the hold does not exceed the wallet's available credit.
 * Calls placed at the same moment could break them together, so the database checks them again, by these
 * names and in this order, under the account's lock (`calls_place`, sql/place.sql); a property test runs both
 * on generated batches. `authorizeCall` only allows calls that keep them.
 */
export function placementRefusal(
  state: PlacementState,
  holdCents: number,
  limits: PlacementLimits,
): PlacementRefusal | null {
  const { usage } = state;
  // simultaneous_calls
  if (usage.accountActive >= limits.maxConcurrent.account) return 'account_call_limit_reached';
  if (usage.seatActive >= limits.maxConcurrent.seat) return 'seat_call_limit_reached';
  // daily_caps
  if (usage.accountSpentCents + holdCents > limits.dailyCapCents.account) return 'account_daily_cap_reached';
  if (usage.seatSpentCents + holdCents > limits.dailyCapCents.seat) return 'seat_daily_cap_reached';
  // wallet_never_negative
  if (holdCents > state.availableCents) return 'insufficient_funds';
  return null;
}

/** The whole minutes `cents` buy at `rateMicros` (all of `maxMinutes` when the call is free), at most `maxMinutes`. */
function minutesWithin(cents: number, rateMicros: number, maxMinutes: number): number {
  return Math.min(affordableMinutes(Math.max(0, cents), rateMicros) ?? maxMinutes, maxMinutes);
}

/**
 * How long a call at `rateMicros` may last, and what to hold for it: the whole minutes the available credit
 * buys, within the day's remaining spending caps (account and seat) and the longest call allowed
 * (`MAX_CALL_MINUTES`). The hold is what those minutes cost under the billing rule, so a charge never exceeds
 * it, and the call keeps the placement's invariants (`placementRefusal`). Refused, for the first invariant
 * it would break, when another call would pass a limit on simultaneous calls or not even one minute fits.
 */
export function authorizeCall(input: {
  rateMicros: number;
  availableCents: number;
  usage: CallUsage;
  policy: CallPolicy;
}): Authorization {
  const { rateMicros, usage, policy } = input;
  const minutes = Math.min(
    minutesWithin(input.availableCents, rateMicros, policy.maxMinutes),
    minutesWithin(policy.dailyCapCents.account - usage.accountSpentCents, rateMicros, policy.maxMinutes),
    minutesWithin(policy.dailyCapCents.seat - usage.seatSpentCents, rateMicros, policy.maxMinutes),
  );
  // Not even one minute fits: the refusal is that of the shortest call possible.
  const holdCents = chargeForCall(Math.max(minutes, 1) * 60, rateMicros).costCents;
  const refusal = placementRefusal(input, holdCents, policy);
  if (refusal) return { allowed: false, reason: refusal, minutes: 0 };
  if (minutes < 1) throw new Error('a call without a minute kept every invariant');
  return { allowed: true, minutes, holdCents };
}
