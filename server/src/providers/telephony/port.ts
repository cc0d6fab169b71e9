/**
 * The telephony provider as the product sees it. Today: what calling a destination costs us. The calls
 * module adds browser tokens, call control and webhook signatures to this same port.
 */
export interface TelephonyProvider {
  readonly kind: 'twilio' | 'sandbox';
  /** ISO codes of every country the provider prices outbound calls to. */
  listPricedCountries(): Promise<string[]>;
  /** What the provider charges us per minute to call each destination of one country. */
  getOutboundPrices(country: string): Promise<OutboundPriceList>;
}

export type OutboundPriceList = {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** ISO 4217, upper case ("USD"). */
  currency: string;
  destinations: OutboundDestinationPrice[];
};

export type OutboundDestinationPrice = {
  /** The provider's name for the destination, e.g. "United Kingdom - Mobile". */
  label: string;
  /** E.164 digit prefixes the price applies to. */
  prefixes: string[];
  /** The price charged to our account, in micro-units of `currency` per minute. */
  costMicros: number;
};

/** A provider that could not be reached or answered with an error. */
export class TelephonyProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TelephonyProviderError';
  }
}
