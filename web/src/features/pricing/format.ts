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

/** What people type instead of a country's name. */
const aliases: Record<string, readonly string[]> = {
  GB: ['uk', 'great britain', 'britain', 'england', 'scotland', 'wales', 'northern ireland'],
  US: ['usa', 'us', 'america', 'united states of america'],
  AE: ['uae', 'emirates', 'dubai', 'abu dhabi'],
  KR: ['korea', 'south korea'],
  KP: ['north korea'],
  NL: ['holland', 'the netherlands'],
  CZ: ['czech republic'],
  CD: ['drc', 'congo kinshasa'],
  CG: ['congo brazzaville'],
  CI: ['ivory coast'],
  RU: ['russian federation'],
  VN: ['viet nam'],
  TR: ['turkey', 'turkiye'],
  MM: ['burma'],
  SZ: ['swaziland'],
  MK: ['macedonia'],
  VA: ['vatican'],
  DO: ['dominican rep'],
  BO: ['bolivia'],
  VE: ['venezuela'],
  IR: ['iran'],
  SY: ['syria'],
  LA: ['laos'],
  TW: ['taiwan'],
  PS: ['palestinian territories'],
};

/** The country that owns a calling code shared by several (+1 is the United States before Canada). */
const mainCountryOfCode: Record<string, string> = {
  '1': 'US',
  '7': 'RU',
  '39': 'IT',
  '44': 'GB',
  '47': 'NO',
  '61': 'AU',
  '212': 'MA',
  '262': 'RE',
  '290': 'SH',
  '358': 'FI',
  '590': 'GP',
  '599': 'CW',
};

/**
 * The digits of a whole international number pasted or typed ("+1 202 555 0115", "0044 20 7946 0958"), or
 * null when the text is not one (a dialing code alone, "+44", is a search for the country).
 */
export function internationalDigits(text: string): string | null {
  const trimmed = text.trim();
  if (!/^(\+|00)[\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/^00/, '').replace(/\D/g, '');
  return digits.length >= 7 ? digits : null;
}

/** The country whose dialing code starts the number: the longest code wins, then the code's main country. */
export function countryOfNumber<T extends Searchable>(countries: readonly T[], digits: string): T | null {
  let best: T | null = null;
  let bestLength = 0;
  for (const country of countries) {
    const code = country.dialingCode.slice(1);
    if (!digits.startsWith(code)) continue;
    const better =
      code.length > bestLength || (code.length === bestLength && mainCountryOfCode[code] === country.iso);
    if (better) {
      best = country;
      bestLength = code.length;
    }
  }
  return best;
}

/**
 * Countries matching what a person typed: a name ("united k"), a common alias ("UK", "USA", "UAE"), an ISO
 * code ("gb"), a dialing code ("+44", "44") or a whole number ("+1 202 555 0115", its country alone). Names
 * and aliases that start with the query come first.
 */
export function searchCountries<T extends Searchable>(countries: readonly T[], query: string): T[] {
  const folded = foldText(query);
  if (!folded) return [...countries];
  const number = internationalDigits(query);
  if (number) {
    const country = countryOfNumber(countries, number);
    return country ? [country] : [];
  }
  const digits = folded.replace(/^\+|^00/, '').replace(/\s/g, '');
  const scored: { country: T; score: number }[] = [];
  for (const country of countries) {
    const name = foldText(country.name);
    const names = aliases[country.iso] ?? [];
    let score = -1;
    if (names.includes(folded)) score = 0;
    else if (name.startsWith(folded)) score = 1;
    else if (/^[a-z]{2}$/.test(folded) && country.iso.toLowerCase() === folded) score = 1;
    else if (names.some((alias) => alias.startsWith(folded))) score = 2;
    else if (name.split(/[\s-]+/).some((word) => word.startsWith(folded))) score = 2;
    else if (/^\d{1,4}$/.test(digits) && country.dialingCode.slice(1).startsWith(digits)) score = 3;
    else if (name.includes(folded)) score = 4;
    if (score >= 0) scored.push({ country, score });
  }
  return scored.sort((a, b) => a.score - b.score).map(({ country }) => country);
}
