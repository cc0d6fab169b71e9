/** Amounts the calculator shows what they buy. */
export const TOP_UP_AMOUNTS_CENTS = [500, 2000, 10_000] as const;

/**
 * Whole minutes `cents` pay for at a rate: the server bills every started minute and rounds the call's total
 * up to a cent once (billing.domain.ts), so m minutes are affordable while m × rate ≤ cents × 10,000.
 */
export function minutesFor(cents: number, rateMicros: number): number | null {
  if (rateMicros <= 0) return null;
  return Math.floor((cents * 10_000) / rateMicros);
}

/** Lower case without accents, so that "cote" finds Côte d’Ivoire. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

export type Searchable = { iso: string; name: string; dialingCode: string };

/**
 * Countries matching what a person typed: a name ("united k"), an ISO code ("gb") or a dialing code ("+44",
 * "44"). Names that start with the query come first.
 */
export function searchCountries<T extends Searchable>(countries: readonly T[], query: string): T[] {
  const folded = foldText(query);
  if (!folded) return [...countries];
  const digits = folded.replace(/^\+|^00/, '').replace(/\s/g, '');
  const scored: { country: T; score: number }[] = [];
  for (const country of countries) {
    const name = foldText(country.name);
    let score = -1;
    if (name.startsWith(folded)) score = 0;
    else if (/^[a-z]{2}$/.test(folded) && country.iso.toLowerCase() === folded) score = 0;
    else if (name.split(/[\s-]+/).some((word) => word.startsWith(folded))) score = 1;
    else if (/^\d{1,4}$/.test(digits) && country.dialingCode.slice(1).startsWith(digits)) score = 2;
    else if (name.includes(folded)) score = 3;
    if (score >= 0) scored.push({ country, score });
  }
  return scored.sort((a, b) => a.score - b.score).map(({ country }) => country);
}
