import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { affordableMinutes, chargeForCall } from './billing.domain';

describe('chargeForCall', () => {
  it.each([
    [0, 0, 0],
    [1, 1, 50_000],
    [59, 1, 50_000],
    [60, 1, 50_000],
    [61, 2, 100_000],
    [119, 2, 100_000],
    [120, 2, 100_000],
    [3600, 60, 3_000_000],
    [3601, 61, 3_050_000],
  ])('bills %i seconds as %i minutes (%i micro-dollars at 5¢/min)', (seconds, minutes, micros) => {
    expect(chargeForCall(seconds, 50_000)).toEqual({ billedMinutes: minutes, costCents: micros / 10_000 });
  });

  it('charges nothing for a call of 0 seconds, whatever the rate', () => {
    expect(chargeForCall(0, 1_234_567)).toEqual({ billedMinutes: 0, costCents: 0 });
  });

  it('rounds a sub-cent rate up to a whole cent once per call, not per minute', () => {
    // 0.35¢ a minute: one minute costs 1¢, ten minutes 3.5¢ → 4¢ (per-minute rounding would say 10¢).
    expect(chargeForCall(1, 3_500)).toEqual({ billedMinutes: 1, costCents: 1 });
    expect(chargeForCall(59, 3_500)).toEqual({ billedMinutes: 1, costCents: 1 });
    expect(chargeForCall(600, 3_500)).toEqual({ billedMinutes: 10, costCents: 4 });
    expect(chargeForCall(3600, 3_500)).toEqual({ billedMinutes: 60, costCents: 21 });
  });

  it('charges an exact number of cents without rounding it up further', () => {
    expect(chargeForCall(60, 10_000)).toEqual({ billedMinutes: 1, costCents: 1 });
    expect(chargeForCall(61, 10_001)).toEqual({ billedMinutes: 2, costCents: 3 });
  });

  it('charges 1¢ for a call at a rate of 1 micro-dollar a minute', () => {
    expect(chargeForCall(3600, 1)).toEqual({ billedMinutes: 60, costCents: 1 });
  });

  it('is free at a rate of 0', () => {
    expect(chargeForCall(3600, 0)).toEqual({ billedMinutes: 60, costCents: 0 });
  });

  it('refuses negative or fractional inputs', () => {
    expect(() => chargeForCall(-1, 50_000)).toThrow(RangeError);
    expect(() => chargeForCall(1.5, 50_000)).toThrow(RangeError);
    expect(() => chargeForCall(60, 0.5)).toThrow(RangeError);
  });

  it('never charges less than the exact price nor a cent or more above it', () => {
    fc.assert(
      fc.property(fc.nat(86_400), fc.nat(10_000_000), (seconds, rate) => {
        const { billedMinutes, costCents } = chargeForCall(seconds, rate);
        expect(billedMinutes * 60).toBeGreaterThanOrEqual(seconds);
        expect(billedMinutes * 60 - seconds).toBeLessThan(60);
        const exactMicros = billedMinutes * rate;
        expect(costCents * 10_000).toBeGreaterThanOrEqual(exactMicros);
        expect(costCents * 10_000 - exactMicros).toBeLessThan(10_000);
      }),
    );
  });
});

describe('affordableMinutes', () => {
  it('counts the minutes $5 buys at common rates', () => {
    expect(affordableMinutes(500, 50_000)).toBe(100);
    expect(affordableMinutes(500, 12_000)).toBe(416);
    expect(affordableMinutes(500, 3_500)).toBe(1428);
  });

  it('agrees with chargeForCall: those minutes are affordable, one more is not', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 5_000_000 }), (cents, rate) => {
        const minutes = affordableMinutes(cents, rate) as number;
        expect(chargeForCall(minutes * 60, rate).costCents).toBeLessThanOrEqual(cents);
        expect(chargeForCall((minutes + 1) * 60, rate).costCents).toBeGreaterThan(cents);
      }),
    );
  });

  it('has no limit at a free rate', () => {
    expect(affordableMinutes(500, 0)).toBeNull();
  });
});
