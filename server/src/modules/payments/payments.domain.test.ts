import { describe, expect, it } from 'vitest';
import { checkTopupAmount, decideAutoTopup, describeFailure, startOfUtcDay } from './payments.domain';

describe('top-up amounts', () => {
  it('asks $5 of individuals and $100 of companies, up to the maximum', () => {
    expect(checkTopupAmount(500, 'individual', 100_000)).toBeNull();
    expect(checkTopupAmount(400, 'individual', 100_000)).toEqual({
      code: 'below_minimum',
      minimumCents: 500,
    });
    expect(checkTopupAmount(9_900, 'company', 100_000)).toEqual({
      code: 'below_minimum',
      minimumCents: 10_000,
    });
    expect(checkTopupAmount(10_000, 'company', 100_000)).toBeNull();
    expect(checkTopupAmount(100_100, 'company', 100_000)).toEqual({
      code: 'above_maximum',
      maximumCents: 100_000,
    });
  });
});

describe('deciding an automatic top-up', () => {
  const ready = {
    enabled: true,
    paused: false,
    hasCard: true,
    balanceCents: 900,
    thresholdCents: 1000,
    amountCents: 2000,
    dailyCapCents: 5000,
    chargedTodayCents: 0,
  };

  it('charges when the available balance is below the threshold', () => {
    expect(decideAutoTopup(ready)).toEqual({ charge: true });
  });

  it('does not charge at or above the threshold', () => {
    expect(decideAutoTopup({ ...ready, balanceCents: 1000 })).toEqual({
      charge: false,
      reason: 'above_threshold',
    });
  });

  it('keeps today’s charges plus this one within the daily cap, which may be reached exactly', () => {
    expect(decideAutoTopup({ ...ready, chargedTodayCents: 3000 })).toEqual({ charge: true });
    expect(decideAutoTopup({ ...ready, chargedTodayCents: 3100 })).toEqual({
      charge: false,
      reason: 'daily_cap',
    });
  });

  it('says why it will not charge: off, paused, or no card', () => {
    expect(decideAutoTopup({ ...ready, enabled: false })).toMatchObject({ reason: 'disabled' });
    expect(decideAutoTopup({ ...ready, paused: true })).toMatchObject({ reason: 'paused' });
    expect(decideAutoTopup({ ...ready, hasCard: false })).toMatchObject({ reason: 'no_card' });
  });
});

describe('helpers', () => {
  it('starts the cap’s day at midnight UTC', () => {
    expect(startOfUtcDay(new Date('2026-05-04T23:59:59.999Z')).toISOString()).toBe(
      '2026-05-04T00:00:00.000Z',
    );
  });

  it('words the processor’s failure codes for people', () => {
    expect(describeFailure('authentication_required')).toContain('confirm this payment');
    expect(describeFailure('generic_decline')).toBe('Your card was declined.');
    expect(describeFailure('something_new')).toBe('The payment did not go through.');
  });
});
