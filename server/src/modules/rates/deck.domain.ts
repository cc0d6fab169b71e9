/** Every plan a price is kept for: a company seat and an individual may pay differently. */
export const ratePlans = ['individual', 'company'] as const;
export type RatePlan = (typeof ratePlans)[number];

/** `any`: landlines and mobiles at one price (no separate mobile ranges, e.g. +1); `special`: premium, shared… */
export const destinationTypes = ['landline', 'mobile', 'any', 'special'] as const;
export type DestinationType = (typeof destinationTypes)[number];

/** One destination prefix of the deck with the price of each plan (null when that plan has none). */
export type DeckEntry = {
  prefix: string;
  country: string;
  destination: string;
  type: DestinationType;
  individualMicros: number | null;
  companyMicros: number | null;
};

export function priceOf(entry: DeckEntry, plan: RatePlan): number | null {
  return plan === 'company' ? entry.companyMicros : entry.individualMicros;
}

export type RateDeck = {
  /** Number of prefixes. */
  readonly size: number;
  readonly entries: readonly DeckEntry[];
  /**
   * The entry of the longest prefix of `digits` (E.164 without +) that has a price for `plan`, or null.
   * A plan without its own price for a prefix falls back to a shorter prefix that has one.
   */
  match(digits: string, plan: RatePlan): DeckEntry | null;
};

const RADIX = 10;

/**
 * A digit trie in flat typed arrays: node n's child for digit d is `children[n * 10 + d]` (0 = none, as the
 * root is never a child), and `individual[n]` / `company[n]` hold 1 + the index of the entry priced at that
 * node for the plan. A lookup is at most 15 array reads with no allocation and no hashing, which is what lets
 * it run at a good fraction of a plain Map.get on exact keys.
 */
export function buildDeck(input: Iterable<DeckEntry>): RateDeck {
  const entries: DeckEntry[] = [];
  let capacity = 1024;
  let children = new Int32Array(capacity * RADIX);
  let individual = new Int32Array(capacity);
  let company = new Int32Array(capacity);
  let nodes = 1;

  function grow() {
    capacity *= 2;
    const nextChildren = new Int32Array(capacity * RADIX);
    nextChildren.set(children);
    children = nextChildren;
    const nextIndividual = new Int32Array(capacity);
    nextIndividual.set(individual);
    individual = nextIndividual;
    const nextCompany = new Int32Array(capacity);
    nextCompany.set(company);
    company = nextCompany;
  }

  for (const entry of input) {
    if (!/^[1-9]\d{0,14}$/.test(entry.prefix)) throw new Error(`invalid prefix ${entry.prefix}`);
    if (entry.individualMicros === null && entry.companyMicros === null) {
      throw new Error(`prefix ${entry.prefix} has no price`);
    }
    let node = 0;
    for (let i = 0; i < entry.prefix.length; i += 1) {
      const slot = node * RADIX + entry.prefix.charCodeAt(i) - 48;
      let next = children[slot] ?? 0;
      if (next === 0) {
        if (nodes === capacity) grow();
        next = nodes;
        nodes += 1;
        children[slot] = next;
      }
      node = next;
    }
    if (individual[node] !== 0 || company[node] !== 0) throw new Error(`duplicate prefix ${entry.prefix}`);
    entries.push(entry);
    if (entry.individualMicros !== null) individual[node] = entries.length;
    if (entry.companyMicros !== null) company[node] = entries.length;
  }

  const trie = children.slice(0, nodes * RADIX);
  const byPlan = { individual: individual.slice(0, nodes), company: company.slice(0, nodes) };

  return {
    size: entries.length,
    entries,
    match(digits, plan) {
      const priced = byPlan[plan];
      let node = 0;
      let best = 0;
      const length = digits.length;
      for (let i = 0; i < length; i += 1) {
        const digit = digits.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) return null;
        node = trie[node * RADIX + digit] as number;
        if (node === 0) break;
        const here = priced[node] as number;
        if (here !== 0) best = here;
      }
      return best === 0 ? null : (entries[best - 1] as DeckEntry);
    },
  };
}
