import type { OutboundPriceList, TelephonyProvider } from '../port';
import { TelephonyProviderError } from '../port';
import { priceToMicros } from '../price';
import { type SandboxPrice, sandboxVoicePrices } from './voice-price-list';

function priceList(country: string, prices: SandboxPrice[]): OutboundPriceList {
  return {
    country,
    currency: 'USD',
    destinations: prices.map(([label, prefixes, price]) => ({
      label,
      prefixes: prefixes.split(' '),
      costMicros: priceToMicros(price) ?? 0,
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
