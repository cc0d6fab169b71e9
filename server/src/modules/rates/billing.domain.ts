/** Micro-dollars in one cent. */
export const MICROS_PER_CENT = 10_000;

export type CallCharge = { billedMinutes: number; costCents: number };

function assertWhole(name: string, value: number) {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number ≥ 0 (got ${value})`);
  }
}

/**
 * The billing rule: every started minute is billed (0 seconds → 0 minutes), at the rate in micro-dollars
 * per minute, and the total is rounded up to a whole cent once per call — never per minute, so sub-cent
 * rates add up exactly.
 */
export function chargeForCall(durationSeconds: number, rateMicrosPerMinute: number): CallCharge {
  assertWhole('durationSeconds', durationSeconds);
  assertWhole('rateMicrosPerMinute', rateMicrosPerMinute);
  const billedMinutes = Math.ceil(durationSeconds / 60);
  const costCents = Math.ceil((billedMinutes * rateMicrosPerMinute) / MICROS_PER_CENT);
  return { billedMinutes, costCents };
}

/**
 * Whole minutes that `cents` pay for under chargeForCall: the largest m with ceil(m × rate / 10,000) ≤ cents,
 * which is floor(cents × 10,000 / rate). Null when the rate is free (no limit from money).
 */
export function affordableMinutes(cents: number, rateMicrosPerMinute: number): number | null {
  assertWhole('cents', cents);
  assertWhole('rateMicrosPerMinute', rateMicrosPerMinute);
  if (rateMicrosPerMinute === 0) return null;
  return Math.floor((cents * MICROS_PER_CENT) / rateMicrosPerMinute);
}
