import type { RatePlan } from './deck.domain';
import type { RateInput, RowError } from './rate-input.domain';

/** The row of a prefix and plan that has no end yet (the current price, or one scheduled to start). */
export type OpenRate = Omit<RateInput, 'costMicros'> & {
  id: string;
  costMicros: number | null;
  effectiveFrom: Date;
};

export type RateChange = {
  prefix: string;
  plan: RatePlan;
  country: string;
  destination: string;
  beforeMicros: number | null;
  afterMicros: number;
};

export type ChangePlan = {
  /** New rows, each starting at the import's effective date. */
  inserts: RateInput[];
  /** Open rows that end where their replacement starts. */
  closeIds: string[];
  /** Open rows that start at that very instant: replaced outright, as they were never in force before. */
  replaceIds: string[];
  changes: RateChange[];
  unchanged: number;
  /** Prefixes whose open row starts after the effective date: history cannot be rewritten backwards. */
  conflicts: RowError[];
};

export function rateKey(prefix: string, plan: RatePlan): string {
  return `${prefix}:${plan}`;
}

function sameRate(open: OpenRate, next: RateInput): boolean {
  return (
    open.priceMicros === next.priceMicros &&
    open.costMicros === next.costMicros &&
    open.destination === next.destination &&
    open.type === next.type &&
    open.country === next.country
  );
}

/**
 * What an import changes, against the open rows of the same prefixes and plans. A price equal to the one in
 * force changes nothing, so re-importing the same data adds no row; a different one closes the old row at
 * `effectiveFrom` and opens a new one, keeping the old one as history. A source that does not know the
 * provider's cost keeps the cost already recorded.
 */
export function planRateChanges(
  open: ReadonlyMap<string, OpenRate>,
  inputs: readonly RateInput[],
  effectiveFrom: Date,
): ChangePlan {
  const plan: ChangePlan = {
    inserts: [],
    closeIds: [],
    replaceIds: [],
    changes: [],
    unchanged: 0,
    conflicts: [],
  };
  for (const input of inputs) {
    const current = open.get(rateKey(input.prefix, input.plan));
    const next = { ...input, costMicros: input.costMicros ?? current?.costMicros ?? null };
    if (current && sameRate(current, next)) {
      plan.unchanged += 1;
      continue;
    }
    if (current && current.effectiveFrom.getTime() > effectiveFrom.getTime()) {
      plan.conflicts.push({
        row: `${input.prefix} (${input.plan})`,
        field: 'effectiveFrom',
        message: `a price for ${input.prefix} (${input.plan}) already starts on ${current.effectiveFrom.toISOString()}`,
      });
      continue;
    }
    if (current && current.effectiveFrom.getTime() === effectiveFrom.getTime())
      plan.replaceIds.push(current.id);
    else if (current) plan.closeIds.push(current.id);
    plan.inserts.push(next);
    plan.changes.push({
      prefix: input.prefix,
      plan: input.plan,
      country: input.country,
      destination: input.destination,
      beforeMicros: current?.priceMicros ?? null,
      afterMicros: next.priceMicros,
    });
  }
  return plan;
}
