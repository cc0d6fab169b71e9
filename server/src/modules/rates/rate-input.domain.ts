import { countryInfo } from '../../platform/phone';
import type { DestinationType, RatePlan } from './deck.domain';
import { MAX_PRICE_MICROS } from './price.domain';

/** One price to put in force: a prefix and plan, from any source. */
export type RateInput = {
  prefix: string;
  country: string;
  destination: string;
  type: DestinationType;
  plan: RatePlan;
  priceMicros: number;
  costMicros: number | null;
};

/** A problem with one row of an import; `row` is the line (CSV), entry (YAML) or country (provider). */
export type RowError = { row: number | string; field?: string; message: string };

/** Checks a destination prefix against its country; returns the problems, none when it is sound. */
export function checkDestination(prefix: string, countryIso: string): { field: string; message: string }[] {
  const country = countryInfo(countryIso);
  if (!country)
    return [{ field: 'country', message: `${countryIso || '(empty)'} is not a country code we know` }];
  if (!/^[1-9]\d{0,14}$/.test(prefix)) {
    return [
      {
        field: 'prefix',
        message: `${prefix || '(empty)'} is not a prefix: up to 15 digits, not starting with 0`,
      },
    ];
  }
  const code = country.dialingCode.slice(1);
  if (!prefix.startsWith(code)) {
    return [
      {
        field: 'prefix',
        message: `${prefix} does not start with ${country.name}'s code ${country.dialingCode}`,
      },
    ];
  }
  return [];
}

export function checkPrice(
  field: string,
  micros: number | null,
  raw: string,
): { field: string; message: string }[] {
  if (micros === null) {
    return [{ field, message: `${raw || '(empty)'} is not a price in dollars per minute, such as 0.0125` }];
  }
  if (micros > MAX_PRICE_MICROS) {
    return [
      { field, message: `${raw} dollars a minute is more than any destination costs; is it in cents?` },
    ];
  }
  return [];
}

/** Finds prefixes listed twice for the same plan in one import: each repeat is an error on its row. */
export function findRepeats(rows: { row: number | string; inputs: RateInput[] }[]): RowError[] {
  const firstSeen = new Map<string, number | string>();
  const errors: RowError[] = [];
  for (const { row, inputs } of rows) {
    for (const input of inputs) {
      const key = `${input.prefix}:${input.plan}`;
      const first = firstSeen.get(key);
      if (first === undefined) {
        firstSeen.set(key, row);
      } else if (first !== row) {
        const where = typeof first === 'number' ? `row ${first}` : first;
        errors.push({
          row,
          field: 'prefix',
          message: `prefix ${input.prefix} is already priced in ${where}`,
        });
        break;
      }
    }
  }
  return errors;
}
