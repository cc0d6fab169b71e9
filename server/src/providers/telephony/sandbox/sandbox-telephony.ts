import type { OutboundPriceList, TelephonyProvider } from '../port';
import { TelephonyProviderError } from '../port';
import { type SandboxPrice, sandboxVoicePrices } from './voice-price-list';

/** "0.0140" → 14000: the list is written in dollars, read as text so no float rounding creeps in. */
function micros(price: string): number {
  const [whole = '0', fraction = ''] = price.split('.');
  return Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

function priceList(country: string, prices: SandboxPrice[]): OutboundPriceList {
  return {
    country,
    currency: 'USD',
    destinations: prices.map(([label, prefixes, price]) => ({
      label,
      prefixes: prefixes.split(' '),
      costMicros: micros(price),
    })),
  };
}

/**
 * The telephony provider without Twilio: answers from a built-in list of realistic per-minute prices, as the
 * Pricing API would, so that syncing provider prices works end to end on a laptop.
 */
export function createSandboxTelephony(): TelephonyProvider {
  return {
    kind: 'sandbox',

    async listPricedCountries() {
      return Object.keys(sandboxVoicePrices).sort();
    },

    async getOutboundPrices(country) {
      const iso = country.toUpperCase();
      const prices = sandboxVoicePrices[iso];
      if (!prices) throw new TelephonyProviderError(`The sandbox has no voice prices for ${iso}`, 404);
      return priceList(iso, prices);
    },
  };
}
