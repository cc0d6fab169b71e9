import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import { AppError } from '../../platform/errors/app.errors';
import type { Metrics } from '../../platform/metrics.adapter';
import { countryInfo, parsePhone } from '../../platform/phone';
import { buildDeck, type DeckEntry, type DestinationType, type RatePlan } from './deck.domain';
import { createDeckCache } from './deck-cache.service';
import { ratesRepository as repository } from './rates.repository';

export type RatesSettings = {
  defaultRateMicros: number;
  refuseUnlisted: boolean;
  markupPercent: Record<RatePlan, number>;
  refreshMs: number;
  yamlFile: string;
};

/** What calling a number costs on a plan, or why it cannot be called. */
export type RateQuote =
  | {
      priced: true;
      e164: string;
      /** ISO code; null for non-geographic numbers. */
      country: string | null;
      destination: string;
      /** The matched prefix; null when the default rate applies. */
      prefix: string | null;
      type: DestinationType | null;
      plan: RatePlan;
      rateMicros: number;
      basis: 'deck' | 'default';
    }
  | {
      priced: false;
      e164: string;
      country: string | null;
      plan: RatePlan;
      reason: 'unlisted_destination';
      message: string;
    };

const e164Pattern = /^\+[1-9]\d{1,14}$/;

/** Groups the rows in force into one entry per prefix with each plan's price. */
function toEntries(rows: Awaited<ReturnType<typeof repository.findInForce>>): DeckEntry[] {
  const byPrefix = new Map<string, DeckEntry>();
  for (const row of rows) {
    const entry = byPrefix.get(row.prefix) ?? {
      prefix: row.prefix,
      country: row.country,
      destination: row.destination,
      type: row.type,
      individualMicros: null,
      companyMicros: null,
    };
    if (row.plan === 'company') entry.companyMicros = row.priceMicros;
    else entry.individualMicros = row.priceMicros;
    byPrefix.set(row.prefix, entry);
  }
  return [...byPrefix.values()];
}

export function createRatesService(deps: {
  db: Database;
  clock: Clock;
  metrics: Pick<Metrics, 'counter' | 'gauge'>;
  settings: RatesSettings;
}) {
  const { db, settings } = deps;
  const reloads = deps.metrics.counter('rates_deck_loads_total', 'Rate decks loaded into memory');
  const prefixes = deps.metrics.gauge(
    'rates_deck_prefixes',
    'Destination prefixes in the rate deck in memory',
  );

  const cache = createDeckCache({
    clock: deps.clock,
    refreshMs: settings.refreshMs,
    defaultRateMicros: settings.refuseUnlisted ? null : settings.defaultRateMicros,
    source: {
      async load(at) {
        // Read the version first: a change committed meanwhile makes the next check reload again.
        const version = await repository.readVersion(db);
        const [rows, nextChangeAt] = await Promise.all([
          repository.findInForce(db, at),
          repository.nextChangeAfter(db, at),
        ]);
        return { deck: buildDeck(toEntries(rows)), version, nextChangeAt };
      },
      readVersion: () => repository.readVersion(db),
    },
    onLoad(snapshot) {
      reloads.inc();
      prefixes.set(snapshot.deck.size);
    },
  });

  function digitsOf(e164: string): string {
    if (!e164Pattern.test(e164)) {
      throw new AppError('invalid_phone_number', "That doesn't look like a phone number", {
        problem: 'not_a_number',
      });
    }
    return e164.slice(1);
  }

  /** The quote when no prefix matches: the configured default rate, or a refusal. */
  function unlisted(e164: string, plan: RatePlan): RateQuote {
    const parsed = parsePhone(e164);
    const country = parsed.ok ? parsed.phone.country : null;
    if (settings.refuseUnlisted) {
      return {
        priced: false,
        e164,
        country,
        plan,
        reason: 'unlisted_destination',
        message: "We don't offer calls to that destination yet",
      };
    }
    const name = country ? countryInfo(country)?.name : null;
    return {
      priced: true,
      e164,
      country,
      destination: name ?? 'International',
      prefix: null,
      type: null,
      plan,
      rateMicros: settings.defaultRateMicros,
      basis: 'default',
    };
  }

  function fromEntry(
    e164: string,
    plan: RatePlan,
    entry: Omit<DeckEntry, 'individualMicros' | 'companyMicros'>,
    rateMicros: number,
  ): RateQuote {
    return {
      priced: true,
      e164,
      country: entry.country,
      destination: entry.destination,
      prefix: entry.prefix,
      type: entry.type,
      plan,
      rateMicros,
      basis: 'deck',
    };
  }

  return {
    /** Loads the deck into memory (at start, so that the first call does not wait for it). */
    async warm() {
      await cache.get();
    },

    /** This process changed the rates. */
    invalidate: cache.invalidate,

    /** The rate in force now for an E.164 number on a plan, by longest-prefix match on the in-memory deck. */
    async quote(e164: string, plan: RatePlan): Promise<RateQuote> {
      const digits = digitsOf(e164);
      const { deck } = await cache.get();
      const entry = deck.match(digits, plan);
      if (!entry) return unlisted(e164, plan);
      const rate = plan === 'company' ? entry.companyMicros : entry.individualMicros;
      return fromEntry(e164, plan, entry, rate as number);
    },

    /** The rate that was (or will be) in force at `at`, from the history in the database. */
    async quoteAt(e164: string, plan: RatePlan, at: Date): Promise<RateQuote> {
      const digits = digitsOf(e164);
      const candidates = Array.from({ length: digits.length }, (_, i) => digits.slice(0, i + 1));
      const row = await repository.findLongestInForce(db, candidates, plan, at);
      return row ? fromEntry(e164, plan, row, row.priceMicros) : unlisted(e164, plan);
    },

    /** Every country with prices: GET /api/rates. */
    async listCountries() {
      return (await cache.get()).catalog().countries;
    },

    /** Every destination of a country for both plans: GET /api/rates/:iso. */
    async getCountry(iso: string) {
      const country = (await cache.get()).catalog().country(iso.toUpperCase());
      if (!country) {
        throw new AppError(
          'unknown_country',
          `We have no prices for ${countryInfo(iso)?.name ?? iso.toUpperCase()}`,
        );
      }
      return country;
    },

    /** Every price a prefix has had on a plan, oldest first. */
    history(prefix: string, plan: RatePlan) {
      return repository.history(db, prefix, plan);
    },
  };
}

export type RatesService = ReturnType<typeof createRatesService>;
