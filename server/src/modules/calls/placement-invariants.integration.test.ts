import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSeat, newCaller, placementFor, type TestCaller } from '../../../test/support/calls';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { utcDay } from './call-assessment.service';
import { type PlacementLimits, type PlacementState, placementRefusal } from './call-policy.domain';
import { callSetupRepository as setup } from './call-setup.repository';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const DAY_MS = 86_400_000;

/** A call of a generated batch: which seat places it, what it holds, on which day, and whether it repeats. */
const call = fc.record({
  seat: fc.integer({ min: 0, max: 1 }),
  holdCents: fc.integer({ min: 0, max: 30 }),
  daysAgo: fc.integer({ min: 0, max: 1 }),
});

const limits: fc.Arbitrary<PlacementLimits> = fc.record({
  maxConcurrent: fc.record({ account: fc.integer({ min: 1, max: 5 }), seat: fc.integer({ min: 1, max: 3 }) }),
  dailyCapCents: fc.record({
    account: fc.integer({ min: 1, max: 100 }),
    seat: fc.integer({ min: 1, max: 60 }),
  }),
});

/**
 * The placement as the TypeScript rules see it: each call, in order, judged by `placementRefusal` against
 * what the calls created before it (in earlier batches or earlier in its own) count.
 */
function expectedOutcomes(
  batches: { seat: number; holdCents: number; daysAgo: number }[][],
  balanceCents: number,
  limits: PlacementLimits,
): string[][] {
  const created: { seat: number; holdCents: number; daysAgo: number }[] = [];
  return batches.map((batch) =>
    batch.map((item) => {
      const sameDay = created.filter((c) => c.daysAgo === item.daysAgo);
      const sum = (calls: typeof created) => calls.reduce((total, c) => total + c.holdCents, 0);
      const state: PlacementState = {
        usage: {
          accountActive: created.length,
          seatActive: created.filter((c) => c.seat === item.seat).length,
          accountSpentCents: sum(sameDay),
          seatSpentCents: sum(sameDay.filter((c) => c.seat === item.seat)),
        },
        availableCents: balanceCents - sum(created),
      };
      const refusal = placementRefusal(state, item.holdCents, limits);
      if (refusal) return refusal;
      created.push(item);
      return 'created';
    }),
  );
}

describe('the placement’s invariants', () => {
  it('are decided alike by calls_place under its locks and by placementRefusal, on generated batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 90 }),
        limits,
        fc.array(fc.array(call, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }),
        async (balanceCents, limits, batches) => {
          const domain = `invariants-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.test`;
          const owner = await newCaller(t, { cents: balanceCents, kind: 'company', domain });
          const seats: TestCaller[] = [owner, await addSeat(t, owner, domain)];
          const now = Date.now();
          const placed: string[][] = [];
          for (const batch of batches) {
            const placements = batch.map((item) => {
              const placement = placementFor(seats[item.seat] as TestCaller, item.holdCents);
              const startedAt = new Date(now - item.daysAgo * DAY_MS);
              return { ...placement, startedAt, day: utcDay(startedAt) };
            });
            placed.push((await setup.place(t.db, placements, limits)).map((p) => p.outcome));
          }
          expect(placed).toEqual(expectedOutcomes(batches, balanceCents, limits));
        },
      ),
      { numRuns: 20 },
    );
  });
});
