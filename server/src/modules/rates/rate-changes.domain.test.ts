import { describe, expect, it } from 'vitest';
import { type OpenRate, planRateChanges, rateKey } from './rate-changes.domain';
import type { RateInput } from './rate-input.domain';

const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-02-01T00:00:00Z');

function input(prefix: string, priceMicros: number, costMicros: number | null = null): RateInput {
  return {
    prefix,
    country: 'GB',
    destination: 'United Kingdom — Mobile',
    type: 'mobile',
    plan: 'individual',
    priceMicros,
    costMicros,
  };
}

function open(rows: (RateInput & { id: string; effectiveFrom: Date })[]): Map<string, OpenRate> {
  return new Map(rows.map((row) => [rateKey(row.prefix, row.plan), row]));
}

describe('planRateChanges', () => {
  const current = open([{ ...input('447', 50_000, 30_000), id: 'a', effectiveFrom: t0 }]);

  it('changes nothing for the same price; a source without a cost keeps the known cost', () => {
    const plan = planRateChanges(current, [input('447', 50_000)], t1);
    expect(plan).toMatchObject({ inserts: [], closeIds: [], replaceIds: [], changes: [], unchanged: 1 });
  });

  it('closes the old row and opens a new one for a new price', () => {
    const plan = planRateChanges(current, [input('447', 55_000)], t1);
    expect(plan.closeIds).toEqual(['a']);
    expect(plan.inserts).toEqual([input('447', 55_000, 30_000)]);
    expect(plan.changes).toEqual([
      expect.objectContaining({ prefix: '447', beforeMicros: 50_000, afterMicros: 55_000 }),
    ]);
  });

  it('adds a prefix that had no price', () => {
    const plan = planRateChanges(current, [input('4477', 60_000)], t1);
    expect(plan).toMatchObject({ closeIds: [], inserts: [input('4477', 60_000)] });
    expect(plan.changes[0]?.beforeMicros).toBeNull();
  });

  it('replaces a row that starts at the same instant instead of closing it', () => {
    const plan = planRateChanges(current, [input('447', 55_000)], t0);
    expect(plan).toMatchObject({ replaceIds: ['a'], closeIds: [] });
  });

  it('refuses to start a price before the open row starts', () => {
    const scheduled = open([{ ...input('447', 50_000), id: 'b', effectiveFrom: t1 }]);
    const plan = planRateChanges(scheduled, [input('447', 55_000)], t0);
    expect(plan.inserts).toEqual([]);
    expect(plan.conflicts).toEqual([
      {
        row: '447 (individual)',
        field: 'effectiveFrom',
        message: `a price for 447 (individual) already starts on ${t1.toISOString()}`,
      },
    ]);
  });
});
