import { describe, expect, it } from 'vitest';
import { utcDay } from './call-assessment.service';

describe('utcDay', () => {
  it('answers the UTC day of each instant, across midnight both ways and before 1970', () => {
    const instants = [
      '2026-11-29T23:59:59.999Z',
      '2026-11-30T00:00:00.000Z',
      '2026-11-30T13:45:00.000+05:00',
      '2026-11-30T23:59:59.999Z',
      '2026-11-29T12:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00.000Z',
      '2024-02-29T06:00:00.000Z',
    ];
    expect(instants.map((instant) => utcDay(new Date(instant)))).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-11-30',
      '2026-11-30',
      '2026-11-29',
      '2026-12-01',
      '1969-12-31',
      '1970-01-01',
      '2024-02-29',
    ]);
  });

  it('refuses an invalid date as toISOString does', () => {
    expect(() => utcDay(new Date(Number.NaN))).toThrow(RangeError);
  });
});
