import { countryInfo } from '../../platform/phone';
import type { OutboundPriceList } from '../../providers/telephony';
import { type RatePlan, ratePlans } from './deck.domain';
import { applyMarkup, destinationLabel, destinationTypeFromLabel } from './price.domain';
import { checkDestination, type RateInput, type RowError } from './rate-input.domain';

export type Markups = Record<RatePlan, number>;

/** "United Kingdom - Mobile - Vodafone" → "Mobile - Vodafone": the country is named by our own label. */
function providerLabelTail(label: string): string {
  const dash = label.indexOf(' - ');
  return dash === -1 ? label : label.slice(dash + 3);
}

/**
 * A provider's price list → our prices: each plan pays the provider's cost plus that plan's markup, and the
 * cost is kept beside the price so that margins stay visible.
 */
export function ratesFromPriceList(
  list: OutboundPriceList,
  markups: Markups,
): { inputs: RateInput[]; errors: RowError[] } {
  const country = countryInfo(list.country);
  if (!country) return { inputs: [], errors: [{ row: list.country, message: 'not a country we know' }] };
  if (list.currency !== 'USD') {
    return {
      inputs: [],
      errors: [{ row: list.country, message: `prices are in ${list.currency}, not USD` }],
    };
  }
  const inputs: RateInput[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  for (const destination of list.destinations) {
    const label = destinationLabel(country.name, providerLabelTail(destination.label));
    const type = destinationTypeFromLabel(destination.label);
    for (const prefix of destination.prefixes) {
      const problems = checkDestination(prefix, country.iso);
      if (problems.length > 0 || seen.has(prefix)) {
        errors.push(...problems.map((problem) => ({ row: country.iso, ...problem })));
        continue;
      }
      seen.add(prefix);
      for (const plan of ratePlans) {
        inputs.push({
          prefix,
          country: country.iso,
          destination: label,
          type,
          plan,
          priceMicros: applyMarkup(destination.costMicros, markups[plan]),
          costMicros: destination.costMicros,
        });
      }
    }
  }
  return { inputs, errors };
}
