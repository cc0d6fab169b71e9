import { createHash } from 'node:crypto';
import type { CountryRatesResponse, RateCountry } from '@mobayilo/contract';
import { allCountries, countryInfo } from '../../platform/phone';
import { type DeckEntry, priceOf, type RateDeck, type RatePlan } from './deck.domain';

/** A public answer and its entity tag, computed once per deck. */
export type Tagged<T> = { body: T; etag: string };

export type Catalog = {
  countries: Tagged<{ items: RateCountry[] }>;
  country(iso: string): Tagged<CountryRatesResponse> | null;
};

function tag<T>(body: T): Tagged<T> {
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27);
  return { body, etag: `"${hash}"` };
}

function minimum(values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : Math.min(...present);
}

/**
 * The public price list, from the deck: each destination shows what a number starting with its prefix
 * costs on each plan — its own price, or by longest-prefix match a shorter prefix's, or the default rate for
 * unlisted destinations (null when those are refused) — exactly what a call would be charged.
 */
export function buildCatalog(deck: RateDeck, defaultRateMicros: number | null): Catalog {
  const price = (entry: DeckEntry, plan: RatePlan) => {
    const match = deck.match(entry.prefix, plan);
    return match ? priceOf(match, plan) : defaultRateMicros;
  };
  const byCountry = new Map<string, DeckEntry[]>();
  for (const entry of deck.entries) {
    const list = byCountry.get(entry.country) ?? [];
    list.push(entry);
    byCountry.set(entry.country, list);
  }

  const details = new Map<string, CountryRatesResponse>();
  for (const [iso, entries] of byCountry) {
    const info = countryInfo(iso);
    if (!info) continue;
    const destinations = entries
      .map((entry) => ({
        prefix: entry.prefix,
        label: entry.destination,
        type: entry.type,
        individualMicros: price(entry, 'individual'),
        companyMicros: price(entry, 'company'),
      }))
      .sort((a, b) => a.label.localeCompare(b.label, 'en') || a.prefix.localeCompare(b.prefix));
    details.set(iso, { iso, name: info.name, dialingCode: info.dialingCode, destinations });
  }
  // A country without rows of its own is still callable at the price of its dialing code's longest match, or
  // at the default rate: list it, so that every country the dialer can call has its price here.
  for (const info of allCountries()) {
    if (details.has(info.iso)) continue;
    const prefix = info.dialingCode.slice(1);
    const at = (plan: RatePlan) => {
      const match = deck.match(prefix, plan);
      return match ? priceOf(match, plan) : defaultRateMicros;
    };
    const individualMicros = at('individual');
    const companyMicros = at('company');
    if (individualMicros === null && companyMicros === null) continue;
    details.set(info.iso, {
      iso: info.iso,
      name: info.name,
      dialingCode: info.dialingCode,
      destinations: [
        { prefix, label: `${info.name} — All numbers`, type: 'any', individualMicros, companyMicros },
      ],
    });
  }

  const items = [...details.values()]
    .map((country) => {
      const info = countryInfo(country.iso);
      return {
        iso: country.iso,
        name: country.name,
        dialingCode: country.dialingCode,
        flag: info?.flag ?? '',
        fromIndividualMicros: minimum(country.destinations.map((d) => d.individualMicros)),
        fromCompanyMicros: minimum(country.destinations.map((d) => d.companyMicros)),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));

  const tagged = new Map<string, Tagged<CountryRatesResponse>>();
  return {
    countries: tag({ items }),
    country(iso) {
      const known = tagged.get(iso);
      if (known) return known;
      const body = details.get(iso);
      if (!body) return null;
      const result = tag(body);
      tagged.set(iso, result);
      return result;
    },
  };
}
