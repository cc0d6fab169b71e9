import twilio from 'twilio';
import { type OutboundPriceList, type TelephonyProvider, TelephonyProviderError } from '../port';
import { mapVoiceCountry } from './twilio-pricing.mapper';

type RequestOptions<TData> = Parameters<twilio.RequestClient['request']>[0] & { data?: TData };

export type TwilioSettings = {
  accountSid: string;
  authToken: string;
  /** Base URL that replaces Twilio's hosts (a loopback double in tests); null for the real API. */
  apiUrl: string | null;
};

/**
 * The SDK has no base-URL option: every request goes through its RequestClient, so this one rewrites the
 * protocol and host of each URI (pricing.twilio.com, api.twilio.com…) to the configured base URL.
 */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly base: URL) {
    super({ timeout: 15_000 });
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    uri.protocol = this.base.protocol;
    uri.host = this.base.host;
    return super.request<TData>({ ...opts, uri: uri.toString() });
  }
}

function providerError(action: string, error: unknown): TelephonyProviderError {
  const status = typeof error === 'object' && error && 'status' in error ? Number(error.status) : null;
  const detail = error instanceof Error ? error.message : String(error);
  return new TelephonyProviderError(`Twilio ${action} failed: ${detail}`, status, { cause: error });
}

export function createTwilioTelephony(settings: TwilioSettings): TelephonyProvider {
  const client = twilio(settings.accountSid, settings.authToken, {
    accountSid: settings.accountSid,
    ...(settings.apiUrl ? { httpClient: new RedirectingRequestClient(new URL(settings.apiUrl)) } : {}),
  });

  return {
    kind: 'twilio',

    async listPricedCountries() {
      try {
        const countries = await client.pricing.v2.voice.countries.list({ pageSize: 1000 });
        return countries.map((country) => country.isoCountry.toUpperCase());
      } catch (error) {
        throw providerError('listing voice countries', error);
      }
    },

    async getOutboundPrices(country): Promise<OutboundPriceList> {
      try {
        const resource = await client.pricing.v2.voice.countries(country.toUpperCase()).fetch();
        return mapVoiceCountry(resource, country);
      } catch (error) {
        throw providerError(`fetching voice prices for ${country}`, error);
      }
    },
  };
}
