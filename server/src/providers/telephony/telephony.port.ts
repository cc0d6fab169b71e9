/**
 * The telephony provider as the product sees it: what calling a destination costs us, browser access tokens,
 * webhook signatures, and what became of a call. Twilio implements it for real; the sandbox plays Twilio's
 * part locally (see sandbox/).
 */
export interface TelephonyProvider {
  readonly kind: 'twilio' | 'sandbox';
  /** The number shown to the people called when the account has none of its own (E.164). */
  readonly defaultCallerId: string;
  /** ISO codes of every country the provider prices outbound calls to. */
  listPricedCountries(): Promise<string[]>;
  /** What the provider charges us per minute to call each destination of one country. */
  getOutboundPrices(country: string): Promise<OutboundPriceList>;
  /**
   * A token that lets a browser place calls as `identity` through our voice webhook, valid `ttlSeconds`.
   * The identity comes back to us as `From=client:<identity>`.
   */
  createAccessToken(identity: string, ttlSeconds: number): AccessToken;
  /**
   * Whether a webhook really comes from the provider: its signature over the public URL it was sent to
   * (with the query string) and every form parameter.
   */
  verifyWebhook(request: SignedWebhook): boolean;
  /** What became of the leg a call dialed (for calls whose final callback never came). */
  fetchDialOutcome(parentCallSid: string): Promise<DialOutcome>;
  /** Ends a call (the browser's leg and whatever it dialed), as a hang-up would; a call already over stays so. */
  endCall(parentCallSid: string): Promise<void>;
}

export type AccessToken = { token: string; expiresAt: Date };

export type SignedWebhook = {
  /** The full public URL the provider requested, e.g. https://example.com/api/webhooks/twilio/status. */
  url: string;
  params: Record<string, string>;
  signature: string | undefined;
};

/** The provider's final statuses of a dialed leg. */
export type FinalCallStatus = 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

export type DialOutcome =
  /** Still queued, ringing or connected. */
  | { state: 'active' }
  | {
      state: 'ended';
      status: FinalCallStatus;
      /** Seconds the dialed party was connected; 0 unless answered. */
      durationSeconds: number;
      /** The dialed leg, when one was created. */
      childCallSid: string | null;
    }
  /** The provider has no such call. */
  | { state: 'unknown' };

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
  /** The provider's own error code (Twilio's 20404, 21210…), when it gave one. */
  readonly code: number | null;

  constructor(
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown; code?: number | null },
  ) {
    super(message, options);
    this.name = 'TelephonyProviderError';
    this.code = options?.code ?? null;
  }
}
