import { priceToMicros } from '../price.mapper';
import type { OutboundDestinationPrice, OutboundPriceList } from '../telephony.port';

/** The fields of Twilio's Pricing v2 Voice country resource that we read (the SDK's camelCase shape). */
export type TwilioVoiceCountry = {
  isoCountry?: string;
  priceUnit?: string;
  outboundPrefixPrices?: Array<{
    originationPrefixes?: string[];
    destinationPrefixes?: string[];
    basePrice?: number | string;
    currentPrice?: number | string;
    friendlyName?: string;
  }>;
};

/**
 * Twilio lists prices per origination and destination prefix. Browser calls have no origination number, so
 * the price for all origins applies; when a destination only has origin-specific prices we take the highest,
 * so that a margin never depends on where a call happens to originate.
 */
export function mapVoiceCountry(country: TwilioVoiceCountry, requestedIso: string): OutboundPriceList {
  const byPrefix = new Map<string, { label: string; costMicros: number; anyOrigin: boolean }>();
  for (const price of country.outboundPrefixPrices ?? []) {
    const costMicros = priceToMicros(price.currentPrice ?? price.basePrice);
    if (costMicros === null) continue;
    const origins = price.originationPrefixes ?? [];
    const anyOrigin = origins.length === 0 || origins.some((origin) => origin.toUpperCase() === 'ALL');
    for (const prefix of price.destinationPrefixes ?? []) {
      if (!/^[1-9]\d{0,14}$/.test(prefix)) continue;
      const known = byPrefix.get(prefix);
      const better =
        !known ||
        (anyOrigin && !known.anyOrigin) ||
        (anyOrigin === known.anyOrigin && costMicros > known.costMicros);
      if (better) byPrefix.set(prefix, { label: price.friendlyName ?? prefix, costMicros, anyOrigin });
    }
  }
  const grouped = new Map<string, OutboundDestinationPrice>();
  for (const [prefix, { label, costMicros }] of byPrefix) {
    const key = `${label}\u0000${costMicros}`;
    const destination = grouped.get(key) ?? { label, prefixes: [], costMicros };
    destination.prefixes.push(prefix);
    grouped.set(key, destination);
  }
  return {
    country: (country.isoCountry ?? requestedIso).toUpperCase(),
    currency: (country.priceUnit ?? 'USD').toUpperCase(),
    destinations: [...grouped.values()],
  };
}
