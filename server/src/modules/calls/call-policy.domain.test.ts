import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargeForCall } from '../rates';
import { authorizeCall, type CallPolicy, placementRefusal, refuseDestination } from './call-policy.domain';

const policy: CallPolicy = {
  maxMinutes: 120,
  allowedCountries: null,
  blockedCountries: ['CU'],
  blockedPrefixes: ['882', '4470'],
  blockPremiumNumbers: true,
  maxRateMicros: 1_000_000,
  dailyCapCents: { account: 20_000, seat: 5000 },
  maxConcurrent: { account: 10, seat: 2 },
};
const idle = { accountActive: 0, seatActive: 0, accountSpentCents: 0, seatSpentCents: 0 };
const mobile = { e164: '+447400123456', country: 'GB', kind: 'mobile', rateMicros: 49_000 };

describe('refuseDestination', () => {
  it('lets an ordinary destination through', () => {
    expect(refuseDestination(mobile, policy)).toBeNull();
  });

  it('refuses by allowed countries, blocked countries and prefixes, premium numbers, price', () => {
    expect(refuseDestination(mobile, { ...policy, allowedCountries: ['US'] })).toBe('country_not_allowed');
    expect(refuseDestination({ ...mobile, country: null }, { ...policy, allowedCountries: ['US'] })).toBe(
      'country_not_allowed',
    );
    expect(refuseDestination({ ...mobile, e164: '+5352123456', country: 'CU' }, policy)).toBe(
      'destination_blocked',
    );
    expect(refuseDestination({ ...mobile, e164: '+447000123456' }, policy)).toBe('destination_blocked');
    expect(refuseDestination({ ...mobile, kind: 'premium_rate' }, policy)).toBe('destination_blocked');
    expect(refuseDestination({ ...mobile, kind: 'shared_cost' }, policy)).toBe('destination_blocked');
    expect(
      refuseDestination({ ...mobile, kind: 'premium_rate' }, { ...policy, blockPremiumNumbers: false }),
    ).toBeNull();
    expect(refuseDestination({ ...mobile, rateMicros: null }, policy)).toBe('unlisted_destination');
    expect(refuseDestination({ ...mobile, rateMicros: 1_000_001 }, policy)).toBe('rate_above_ceiling');
    expect(refuseDestination({ ...mobile, rateMicros: 1_000_000 }, policy)).toBeNull();
  });
});

describe('authorizeCall', () => {
  it('holds what the whole minutes the credit buys would cost', () => {
    expect(authorizeCall({ rateMicros: 49_000, availableCents: 500, usage: idle, policy })).toEqual({
      allowed: true,
      minutes: 102,
      holdCents: 500,
    });
    expect(authorizeCall({ rateMicros: 20_000, availableCents: 101, usage: idle, policy })).toEqual({
      allowed: true,
      minutes: 50,
      holdCents: 100,
    });
  });

  it('caps the minutes at the longest call allowed', () => {
    expect(authorizeCall({ rateMicros: 20_000, availableCents: 100_000, usage: idle, policy })).toMatchObject(
      {
        minutes: 120,
        holdCents: 240,
      },
    );
  });

  it('lets a free destination run to the limit without holding anything', () => {
    expect(authorizeCall({ rateMicros: 0, availableCents: 0, usage: idle, policy })).toEqual({
      allowed: true,
      minutes: 120,
      holdCents: 0,
    });
  });

  it('refuses when not even one minute is affordable, or a cap or limit is reached', () => {
    const refuse = (availableCents: number, usage = idle) =>
      authorizeCall({ rateMicros: 20_000, availableCents, usage, policy });
    expect(refuse(1)).toMatchObject({ allowed: false, reason: 'insufficient_funds', minutes: 0 });
    expect(refuse(1000, { ...idle, seatSpentCents: 4999 })).toMatchObject({
      reason: 'seat_daily_cap_reached',
    });
    expect(refuse(1000, { ...idle, accountSpentCents: 19_999 })).toMatchObject({
      reason: 'account_daily_cap_reached',
    });
    expect(refuse(1000, { ...idle, seatActive: 2 })).toMatchObject({ reason: 'seat_call_limit_reached' });
    expect(refuse(1000, { ...idle, accountActive: 10 })).toMatchObject({
      reason: 'account_call_limit_reached',
    });
  });

  it('never holds more than the credit or the caps allow, and always covers the minutes allowed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 0, max: 6000 }),
        (rateMicros, availableCents, accountSpentCents, seatSpentCents) => {
          const usage = { ...idle, accountSpentCents, seatSpentCents };
          const decision = authorizeCall({ rateMicros, availableCents, usage, policy });
          if (!decision.allowed) return;
          expect(decision.minutes).toBeGreaterThanOrEqual(1);
          expect(decision.minutes).toBeLessThanOrEqual(policy.maxMinutes);
          expect(decision.holdCents).toBe(chargeForCall(decision.minutes * 60, rateMicros).costCents);
          if (rateMicros > 0) {
            expect(decision.holdCents).toBeLessThanOrEqual(availableCents);
            expect(accountSpentCents + decision.holdCents).toBeLessThanOrEqual(policy.dailyCapCents.account);
            expect(seatSpentCents + decision.holdCents).toBeLessThanOrEqual(policy.dailyCapCents.seat);
          }
        },
      ),
    );
  });
});

describe('placementRefusal', () => {
  const state = { usage: idle, availableCents: 100 };

  it('lets a call through that keeps every invariant, up to each limit exactly', () => {
    expect(placementRefusal(state, 100, policy)).toBeNull();
    expect(
      placementRefusal(
        {
          availableCents: 100,
          usage: { accountActive: 9, seatActive: 1, accountSpentCents: 19_900, seatSpentCents: 4900 },
        },
        100,
        policy,
      ),
    ).toBeNull();
  });

  it('names the first invariant broken: simultaneous calls, then daily caps, then the wallet', () => {
    const broke = { accountActive: 10, seatActive: 2, accountSpentCents: 20_000, seatSpentCents: 5000 };
    const refusal = (usage: Partial<typeof idle>, availableCents = 0) =>
      placementRefusal({ usage: { ...idle, ...usage }, availableCents }, 1, policy);
    expect(refusal(broke)).toBe('account_call_limit_reached');
    expect(refusal({ ...broke, accountActive: 0 })).toBe('seat_call_limit_reached');
    expect(refusal({ accountSpentCents: 20_000, seatSpentCents: 5000 })).toBe('account_daily_cap_reached');
    expect(refusal({ seatSpentCents: 5000 })).toBe('seat_daily_cap_reached');
    expect(refusal({})).toBe('insufficient_funds');
    expect(refusal({}, 1)).toBeNull();
  });
});

describe('authorizeCall and placementRefusal', () => {
  const usage = fc.record({
    accountActive: fc.integer({ min: 0, max: 12 }),
    seatActive: fc.integer({ min: 0, max: 3 }),
    accountSpentCents: fc.integer({ min: 0, max: 20_000 }),
    seatSpentCents: fc.integer({ min: 0, max: 5000 }),
  });

  it('allow exactly the calls of which one minute keeps every invariant, and the call allowed keeps them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        usage,
        (rateMicros, availableCents, usage) => {
          const decision = authorizeCall({ rateMicros, availableCents, usage, policy });
          const oneMinute = chargeForCall(60, rateMicros).costCents;
          const fits = (cents: number) => oneMinute <= cents;
          const expected =
            usage.accountActive < policy.maxConcurrent.account &&
            usage.seatActive < policy.maxConcurrent.seat &&
            fits(policy.dailyCapCents.account - usage.accountSpentCents) &&
            fits(policy.dailyCapCents.seat - usage.seatSpentCents) &&
            fits(availableCents);
          expect(decision.allowed).toBe(expected);
          if (decision.allowed)
            expect(placementRefusal({ usage, availableCents }, decision.holdCents, policy)).toBeNull();
          else expect(decision.reason).toBe(placementRefusal({ usage, availableCents }, oneMinute, policy));
        },
      ),
    );
  });
});
