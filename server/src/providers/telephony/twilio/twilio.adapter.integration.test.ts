import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/test-app';
import { TelephonyProviderError } from '../port';
import { createTwilioTelephony } from './twilio.adapter';

const accountSid = `AC${'a1'.repeat(16)}`;
const authToken = 'test-auth-token';

/** Twilio's Pricing v2 answers, as the real API words them (prices are decimal strings). */
const gb = {
  country: 'United Kingdom',
  iso_country: 'GB',
  price_unit: 'USD',
  url: 'https://pricing.twilio.com/v2/Voice/Countries/GB',
  inbound_call_prices: [{ number_type: 'local', base_price: '0.0100', current_price: '0.0100' }],
  outbound_prefix_prices: [
    {
      origination_prefixes: ['ALL'],
      destination_prefixes: ['44'],
      base_price: '0.0158',
      current_price: '0.0150',
      friendly_name: 'United Kingdom - Landline',
    },
    {
      origination_prefixes: ['ALL'],
      destination_prefixes: ['447', '447400'],
      base_price: '0.0400',
      current_price: '0.0350',
      friendly_name: 'United Kingdom - Mobile',
    },
    {
      origination_prefixes: ['44'],
      destination_prefixes: ['447'],
      base_price: '0.0200',
      current_price: '0.0200',
      friendly_name: 'United Kingdom - Mobile',
    },
  ],
};

type Seen = { method: string; path: string; authorization: string | undefined };

/** A loopback stand-in for pricing.twilio.com that records what the SDK asked for. */
function startTwilioDouble() {
  const seen: Seen[] = [];
  let base = '';
  const server: Server = createServer((request: IncomingMessage, response) => {
    seen.push({
      method: request.method ?? '',
      path: request.url ?? '',
      authorization: request.headers.authorization,
    });
    const url = new URL(request.url ?? '/', 'http://double');
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/v2/Voice/Countries' && !url.searchParams.get('PageToken')) {
      return send(200, {
        countries: [{ country: 'United Kingdom', iso_country: 'GB', url: `${base}/v2/Voice/Countries/GB` }],
        meta: {
          key: 'countries',
          page: 0,
          page_size: 1,
          // Absolute, on Twilio's own host: the adapter must send the next page to the double as well.
          next_page_url: 'https://pricing.twilio.com/v2/Voice/Countries?PageSize=1&Page=1&PageToken=DN1',
        },
      });
    }
    if (url.pathname === '/v2/Voice/Countries') {
      return send(200, {
        countries: [{ country: 'Germany', iso_country: 'DE', url: `${base}/v2/Voice/Countries/DE` }],
        meta: { key: 'countries', page: 1, page_size: 1, next_page_url: null },
      });
    }
    if (url.pathname === '/v2/Voice/Countries/GB') return send(200, gb);
    return send(404, {
      code: 20404,
      message: `The requested resource ${url.pathname} was not found`,
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    });
  });
  return {
    seen,
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return base;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the Twilio telephony adapter', () => {
  const double = startTwilioDouble();
  let apiUrl: string;
  beforeAll(async () => {
    apiUrl = await double.start();
  });
  afterAll(async () => {
    await double.close();
  });
  beforeEach(() => {
    double.seen.length = 0;
  });

  const basicAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

  it('fetches a country’s voice prices with the account’s credentials and maps them to our words', async () => {
    const telephony = createTwilioTelephony({ accountSid, authToken, apiUrl });
    const prices = await telephony.getOutboundPrices('gb');
    expect(double.seen).toEqual([
      { method: 'GET', path: '/v2/Voice/Countries/GB', authorization: basicAuth },
    ]);
    expect(prices).toEqual({
      country: 'GB',
      currency: 'USD',
      destinations: [
        { label: 'United Kingdom - Landline', prefixes: ['44'], costMicros: 15_000 },
        { label: 'United Kingdom - Mobile', prefixes: ['447', '447400'], costMicros: 35_000 },
      ],
    });
  });

  it('follows every page of the country list, on the double', async () => {
    const telephony = createTwilioTelephony({ accountSid, authToken, apiUrl });
    expect(await telephony.listPricedCountries()).toEqual(['GB', 'DE']);
    expect(double.seen.map((request) => request.path)).toEqual([
      '/v2/Voice/Countries?PageSize=1000',
      '/v2/Voice/Countries?PageSize=1&Page=1&PageToken=DN1',
    ]);
    expect(double.seen.every((request) => request.authorization === basicAuth)).toBe(true);
  });

  it('turns an API error into a TelephonyProviderError with the status', async () => {
    const telephony = createTwilioTelephony({ accountSid, authToken, apiUrl });
    const error = await telephony.getOutboundPrices('XX').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TelephonyProviderError);
    expect(error).toMatchObject({ status: 404 });
    expect((error as Error).message).toMatch(
      /^Twilio fetching voice prices for XX failed: The requested resource/,
    );
  });

  it('is what the app syncs prices through when TWILIO_ACCOUNT_SID is set', async () => {
    const t = await createTestApp({
      env: {
        TWILIO_ACCOUNT_SID: accountSid,
        TWILIO_AUTH_TOKEN: authToken,
        TWILIO_API_KEY_SID: `SK${'b2'.repeat(16)}`,
        TWILIO_API_KEY_SECRET: 'secret',
        TWILIO_TWIML_APP_SID: `AP${'c3'.repeat(16)}`,
        TWILIO_DEFAULT_CALLER_ID: '+14155550100',
        TWILIO_API_URL: apiUrl,
        RATE_MARKUP_INDIVIDUAL_PERCENT: '30',
        RATE_MARKUP_COMPANY_PERCENT: '20',
      },
    });
    try {
      expect(t.modules.telephony.kind).toBe('twilio');
      const summary = await t.modules.rates.imports.syncProviderPrices();
      expect(summary.countries).toBe(2);
      expect(summary.errors).toEqual([expect.objectContaining({ row: 'DE' })]);
      const quote = await t.modules.rates.service.quote('+447400123456', 'company');
      expect(quote).toMatchObject({
        prefix: '447400',
        rateMicros: 42_000,
        destination: 'United Kingdom — Mobile',
      });
      const individual = await t.modules.rates.service.quote('+447400123456', 'individual');
      expect(individual).toMatchObject({ rateMicros: 45_500 });
    } finally {
      await t.close();
    }
  });
});
