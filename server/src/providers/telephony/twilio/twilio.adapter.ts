import twilio from 'twilio';
import type { Logger } from '../../../platform/logger.adapter';
import {
  type DialOutcome,
  type FinalCallStatus,
  type OutboundPriceList,
  type TelephonyProvider,
  TelephonyProviderError,
} from '../telephony.port';
import { mapVoiceCountry } from './twilio-pricing.mapper';
import { verifyWebhookSignature } from './twilio-signature.util';
import { createVoiceAccessToken } from './twilio-token.util';

type RequestOptions<TData> = Parameters<twilio.RequestClient['request']>[0] & { data?: TData };

export type TwilioSettings = {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  twimlAppSid: string;
  defaultCallerId: string;
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

const finalStatuses = new Set<string>(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

function field(error: unknown, name: 'status' | 'code'): number | null {
  const value = typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : null;
  return typeof value === 'number' ? value : null;
}

export function createTwilioTelephony(settings: TwilioSettings, logger: Logger): TelephonyProvider {
  const client = twilio(settings.accountSid, settings.authToken, {
    accountSid: settings.accountSid,
    ...(settings.apiUrl ? { httpClient: new RedirectingRequestClient(new URL(settings.apiUrl)) } : {}),
  });
  const log = logger.child({ provider: 'twilio' });

  /**
   * Runs one REST operation; a failure is logged with the operation and Twilio's error code (never the
   * credentials or the request) and rethrown in our words.
   */
  async function rest<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const status = field(error, 'status');
      const code = field(error, 'code');
      const detail = error instanceof Error ? error.message : String(error);
      log.error({ operation, twilioCode: code, status, detail }, 'Twilio REST request failed');
      throw new TelephonyProviderError(`Twilio ${operation} failed: ${detail}`, status, {
        cause: error,
        code,
      });
    }
  }

  return {
    kind: 'twilio',
    defaultCallerId: settings.defaultCallerId,

    async listPricedCountries() {
      const countries = await rest('listing voice countries', () =>
        client.pricing.v2.voice.countries.list({ pageSize: 1000 }),
      );
      return countries.map((country) => country.isoCountry.toUpperCase());
    },

    async getOutboundPrices(country): Promise<OutboundPriceList> {
      const resource = await rest(`fetching voice prices for ${country}`, () =>
        client.pricing.v2.voice.countries(country.toUpperCase()).fetch(),
      );
      return mapVoiceCountry(resource, country);
    },

    createAccessToken(identity, ttlSeconds) {
      return createVoiceAccessToken(settings, identity, ttlSeconds);
    },

    verifyWebhook(request) {
      return verifyWebhookSignature(settings.authToken, request);
    },

    async endCall(parentCallSid) {
      await rest('ending a call', () =>
        client
          .calls(parentCallSid)
          .update({ status: 'completed' })
          .catch((error: unknown) => {
            // Twilio refuses to update a call that has already ended: it is over, as asked.
            if (field(error, 'status') === 404 || field(error, 'code') === 21220) return null;
            throw error;
          }),
      );
    },

    async fetchDialOutcome(parentCallSid): Promise<DialOutcome> {
      const children = await rest('listing the legs of a call', () =>
        client.calls.list({ parentCallSid, limit: 20 }),
      );
      const child = children[0];
      if (child) {
        if (!finalStatuses.has(child.status)) return { state: 'active' };
        const status = child.status as FinalCallStatus;
        const durationSeconds = status === 'completed' ? Number(child.duration) || 0 : 0;
        return { state: 'ended', status, durationSeconds, childCallSid: child.sid };
      }
      // An unknown call is an answer, not a failure worth logging.
      const parent = await rest('fetching a call', () =>
        client
          .calls(parentCallSid)
          .fetch()
          .catch((error: unknown) => {
            if (field(error, 'status') === 404) return null;
            throw error;
          }),
      );
      if (!parent) return { state: 'unknown' };
      if (!finalStatuses.has(parent.status)) return { state: 'active' };
      // The browser leg ended without dialing anyone: nothing was connected.
      const status = parent.status === 'canceled' ? 'canceled' : 'failed';
      return { state: 'ended', status, durationSeconds: 0, childCallSid: null };
    },
  };
}
