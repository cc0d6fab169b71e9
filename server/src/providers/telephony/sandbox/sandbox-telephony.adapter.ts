import { randomBytes } from 'node:crypto';
import type { Logger } from '../../../platform/logger.adapter';
import { priceToMicros } from '../price.mapper';
import type { OutboundPriceList, TelephonyProvider } from '../telephony.port';
import { TelephonyProviderError } from '../telephony.port';
import { verifyWebhookSignature } from '../twilio/twilio-signature.util';
import { createVoiceAccessToken, readVoiceAccessToken } from '../twilio/twilio-token.util';
import { createSandboxCalls } from './sandbox-calls.service';
import { type SandboxPrice, sandboxVoicePrices } from './voice-price-list.data';

/** The sandbox's own Twilio account, app and API key: well-formed ids that name nothing real. */
export const SANDBOX_ACCOUNT_SID = `AC${'0'.repeat(32)}`;
export const SANDBOX_APPLICATION_SID = `AP${'0'.repeat(32)}`;
const SANDBOX_API_KEY_SID = `SK${'0'.repeat(32)}`;

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

export type SandboxSettings = {
  /** Signs tokens and webhooks; null: a random secret for this process. */
  secret: string | null;
  defaultCallerId: string;
  /** Where the sandbox sends its webhooks: our own public URL. */
  publicUrl: string;
};

/**
 * The telephony provider without Twilio. It prices calls from a built-in list of realistic per-minute prices
 * (as the Pricing API would), issues and checks access tokens and webhook signatures with Twilio's own
 * algorithms keyed by the sandbox secret, and places calls itself (`calls`): browsers reach it through the
 * sandbox routes.
 */
export function createSandboxTelephony(settings: SandboxSettings, logger: Logger) {
  const secret = settings.secret ?? randomBytes(32).toString('base64url');
  const keys = {
    accountSid: SANDBOX_ACCOUNT_SID,
    apiKeySid: SANDBOX_API_KEY_SID,
    apiKeySecret: secret,
    twimlAppSid: SANDBOX_APPLICATION_SID,
  };
  const calls = createSandboxCalls({
    secret,
    accountSid: SANDBOX_ACCOUNT_SID,
    applicationSid: SANDBOX_APPLICATION_SID,
    voiceUrl: `${settings.publicUrl}/api/webhooks/twilio/voice`,
    logger,
  });

  const provider: TelephonyProvider = {
    kind: 'sandbox',
    defaultCallerId: settings.defaultCallerId,

    async listPricedCountries() {
      return Object.keys(sandboxVoicePrices).sort();
    },

    async getOutboundPrices(country) {
      const iso = country.toUpperCase();
      const prices = sandboxVoicePrices[iso];
      if (!prices) throw new TelephonyProviderError(`The sandbox has no voice prices for ${iso}`, 404);
      return priceList(iso, prices);
    },

    createAccessToken(identity, ttlSeconds) {
      return createVoiceAccessToken(keys, identity, ttlSeconds);
    },

    verifyWebhook(request) {
      return verifyWebhookSignature(secret, request);
    },

    async endCall(parentCallSid) {
      calls.end(parentCallSid);
    },

    async fetchDialOutcome(parentCallSid) {
      return calls.outcome(parentCallSid);
    },
  };

  return {
    provider,
    calls,
    /** Who a browser's access token speaks for; null unless the sandbox issued it and it is still valid. */
    identityOf(token: string, now: Date): string | null {
      const claims = readVoiceAccessToken(token, secret, now);
      return claims?.applicationSid === SANDBOX_APPLICATION_SID ? claims.identity : null;
    },
  };
}

export type SandboxTelephony = ReturnType<typeof createSandboxTelephony>;
