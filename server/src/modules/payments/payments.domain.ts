import { formatUsd } from '../../platform/money.util';

export const TOPUP_KINDS = ['checkout', 'auto', 'recovery'] as const;
export const TOPUP_STATUSES = ['pending', 'succeeded', 'failed', 'refunded'] as const;
export const AUTO_TOPUP_PAUSE_REASONS = ['failures', 'dispute', 'card_removed'] as const;
export const RECOVERY_KINDS = ['refund', 'dispute'] as const;

export type TopupKind = (typeof TOPUP_KINDS)[number];
export type TopupStatus = (typeof TOPUP_STATUSES)[number];
export type AutoTopupPauseReason = (typeof AUTO_TOPUP_PAUSE_REASONS)[number];
export type RecoveryKind = (typeof RECOVERY_KINDS)[number];
export type AccountKind = 'individual' | 'company';

/** The smallest top-up per account kind: $5 for people, $100 for companies. */
export const MINIMUM_TOPUP_CENTS: Record<AccountKind, number> = { individual: 500, company: 10_000 };

/** Automatic top-up pauses itself after this many failed charges in a row, until someone turns it back on. */
export const MAX_CONSECUTIVE_FAILURES = 3;

export { formatUsd };

export type AmountProblem =
  | { code: 'below_minimum'; minimumCents: number }
  | { code: 'above_maximum'; maximumCents: number };

/** Whether a top-up amount (already whole dollars) is within the account's minimum and the configured maximum. */
export function checkTopupAmount(amountCents: number, kind: AccountKind, maximumCents: number) {
  const minimumCents = MINIMUM_TOPUP_CENTS[kind];
  if (amountCents < minimumCents) return { code: 'below_minimum', minimumCents } satisfies AmountProblem;
  if (amountCents > maximumCents) return { code: 'above_maximum', maximumCents } satisfies AmountProblem;
  return null;
}

export type AutoTopupDecision =
  | { charge: true }
  | {
      charge: false;
      reason: 'disabled' | 'paused' | 'no_card' | 'above_threshold' | 'daily_cap' | 'in_flight';
    };

/**
 * Whether an automatic top-up should charge now: only while enabled and not paused, with a saved card, when
 * the balance is below the threshold, and only if today's automatic top-ups plus this one stay within the
 * daily cap. The balance, not what is available: money held for a call in progress is not spent, and a
 * two-hour hold must never charge the card for a call that costs cents.
 */
export function decideAutoTopup(input: {
  enabled: boolean;
  paused: boolean;
  hasCard: boolean;
  balanceCents: number;
  thresholdCents: number;
  amountCents: number;
  dailyCapCents: number;
  chargedTodayCents: number;
}): AutoTopupDecision {
  if (!input.enabled) return { charge: false, reason: 'disabled' };
  if (input.paused) return { charge: false, reason: 'paused' };
  if (!input.hasCard) return { charge: false, reason: 'no_card' };
  if (input.balanceCents >= input.thresholdCents) return { charge: false, reason: 'above_threshold' };
  if (input.chargedTodayCents + input.amountCents > input.dailyCapCents)
    return { charge: false, reason: 'daily_cap' };
  return { charge: true };
}

/** The start of the UTC day `at` falls in: daily caps count automatic top-ups from there. */
export function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** A card as people name it: "Visa ending 4242". */
export function cardName(card: { brand: string; last4: string }): string {
  const brands: Record<string, string> = { amex: 'American Express', mastercard: 'Mastercard', visa: 'Visa' };
  const brand = brands[card.brand] ?? card.brand.charAt(0).toUpperCase() + card.brand.slice(1);
  return `${brand} ending ${card.last4}`;
}

/** What a person reads about a failed card payment, from the processor's code. */
export function describeFailure(code: string | null): string {
  switch (code) {
    case 'authentication_required':
      return 'Your bank asked to confirm this payment, which it cannot do while you are away.';
    case 'payment_intent_authentication_failure':
      return 'The payment was not confirmed with your bank.';
    case 'card_declined':
    case 'generic_decline':
    case 'insufficient_funds':
      return 'Your card was declined.';
    case 'expired_card':
      return 'Your card has expired.';
    case 'async_payment_failed':
      return 'The payment did not go through.';
    default:
      return 'The payment did not go through.';
  }
}
