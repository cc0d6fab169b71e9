import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newCaller, sendWebhook, voiceParams } from '../../../../test/support/calls';
import { createTestApp } from '../../../../test/support/test-app';
import { createLogger } from '../../../platform/logger.adapter';
import { TelephonyProviderError } from '../telephony.port';
import { createTwilioTelephony } from './twilio.adapter';
import { signWebhook } from './twilio-signature.util';
import { readVoiceAccessToken } from './twilio-token.util';

const accountSid = `AC${'a1'.repeat(16)}`;
const authToken = 'test-auth-token';
const parentSid = `CA${'e0'.repeat(16)}`;
const childSid = `CA${'c1'.repeat(16)}`;
const lostSid = `CA${'d4'.repeat(16)}`;
const settings = {
  accountSid,
  authToken,
  apiKeySid: `SK${'b2'.repeat(16)}`,
  apiKeySecret: 'api-key-secret',
  twimlAppSid: `AP${'c3'.repeat(16)}`,
  defaultCallerId: '+14155550100',
};

/** A call resource as Twilio's REST API words it (durations are strings). */
function callResource(sid: string, status: string, duration: string | null, parent: string | null) {
  return { sid, parent_call_sid: parent, account_sid: accountSid, status, duration, to: '+447400123456' };
}

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
  /** The form bodies of POST requests, by path. */
  const posted: { path: string; form: Record<string, string> }[] = [];
  let base = '';
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    if (request.method === 'POST') {
      posted.push({ path: request.url ?? '', form: Object.fromEntries(new URLSearchParams(body)) });
    }
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
    const calls = `/2010-04-01/Accounts/${accountSid}/Calls`;
    if (url.pathname === `${calls}.json`) {
      const parent = url.searchParams.get('ParentCallSid');
      const children = parent === parentSid ? [callResource(childSid, 'completed', '61', parentSid)] : [];
      return send(200, { calls: children, page: 0, page_size: 20, next_page_uri: null, uri: request.url });
    }
    if (request.method === 'POST' && url.pathname === `${calls}/${parentSid}.json`)
      return send(200, callResource(parentSid, 'completed', '12', null));
    if (request.method === 'POST' && url.pathname === `${calls}/${lostSid}.json`) {
      return send(400, {
        code: 21220,
        message: 'Call is not in-progress. Cannot redirect.',
        more_info: 'https://www.twilio.com/docs/errors/21220',
        status: 400,
      });
    }
    if (url.pathname === `${calls}/${lostSid}.json`)
      return send(200, callResource(lostSid, 'canceled', '0', null));
    return send(404, {
      code: 20404,
      message: `The requested resource ${url.pathname} was not found`,
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    });
  });
  return {
    seen,
    posted,
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return base;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the Twilio telephony adapter', () => {
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger(
    { log: { level: 'info' } },
    { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
  );
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
    const telephony = createTwilioTelephony({ ...settings, apiUrl }, logger);
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
    const telephony = createTwilioTelephony({ ...settings, apiUrl }, logger);
    expect(await telephony.listPricedCountries()).toEqual(['GB', 'DE']);
    expect(double.seen.map((request) => request.path)).toEqual([
      '/v2/Voice/Countries?PageSize=1000',
      '/v2/Voice/Countries?PageSize=1&Page=1&PageToken=DN1',
    ]);
    expect(double.seen.every((request) => request.authorization === basicAuth)).toBe(true);
  });

  it('asks for the legs of a call and reports the dialed leg’s final status and duration', async () => {
    const telephony = createTwilioTelephony({ ...settings, apiUrl }, logger);
    expect(await telephony.fetchDialOutcome(parentSid)).toEqual({
      state: 'ended',
      status: 'completed',
      durationSeconds: 61,
      childCallSid: childSid,
    });
    expect(double.seen).toEqual([
      {
        method: 'GET',
        path: `/2010-04-01/Accounts/${accountSid}/Calls.json?ParentCallSid=${parentSid}&PageSize=20`,
        authorization: basicAuth,
      },
    ]);
  });

  it('reports a browser leg that never dialed as ended unconnected, and a call Twilio does not know as unknown', async () => {
    const telephony = createTwilioTelephony({ ...settings, apiUrl }, logger);
    expect(await telephony.fetchDialOutcome(lostSid)).toEqual({
      state: 'ended',
      status: 'canceled',
      durationSeconds: 0,
      childCallSid: null,
    });
    expect(await telephony.fetchDialOutcome(`CA${'99'.repeat(16)}`)).toEqual({ state: 'unknown' });
    expect(double.seen.map((request) => request.path).at(-1)).toBe(
      `/2010-04-01/Accounts/${accountSid}/Calls/CA${'99'.repeat(16)}.json`,
    );
  });

  it('ends a call by updating it to completed, and takes a call already over as ended', async () => {
    const telephony = createTwilioTelephony({ ...settings, apiUrl }, logger);
    await telephony.endCall(parentSid);
    expect(double.seen.at(-1)).toEqual({
      method: 'POST',
      path: `/2010-04-01/Accounts/${accountSid}/Calls/${parentSid}.json`,
      authorization: basicAuth,
    });
    expect(double.posted.at(-1)?.form).toEqual({ Status: 'completed' });
    await expect(telephony.endCall(lostSid)).resolves.toBeUndefined();
    await expect(telephony.endCall(`CA${'98'.repeat(16)}`)).resolves.toBeUndefined();
  });

  it('logs a failed REST request with the operation and Twilio’s error code, never the credentials', async () => {
    logs.length = 0;
    const telephony = createTwilioTelephony({ ...settings, apiUrl }, logger);
    await telephony.getOutboundPrices('XX').catch(() => undefined);
    expect(logs).toEqual([
      expect.objectContaining({
        level: 50,
        operation: 'fetching voice prices for XX',
        twilioCode: 20404,
        status: 404,
        msg: 'Twilio REST request failed',
      }),
    ]);
    const line = JSON.stringify(logs);
    expect(line).not.toContain(authToken);
    expect(line).not.toContain(settings.apiKeySecret);
  });

  it('issues a Voice access token for the identity, granting outgoing calls through the TwiML app only', () => {
    const telephony = createTwilioTelephony({ ...settings, apiUrl }, logger);
    const { token, expiresAt } = telephony.createAccessToken('m_seat', 600);
    const claims = readVoiceAccessToken(token, settings.apiKeySecret, new Date());
    expect(claims).toEqual({ identity: 'm_seat', applicationSid: settings.twimlAppSid, expiresAt });
    expect(Math.abs(expiresAt.getTime() - Date.now() - 600_000)).toBeLessThan(2000);
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    expect(payload).toMatchObject({
      iss: settings.apiKeySid,
      sub: accountSid,
      grants: { identity: 'm_seat', voice: { outgoing: { application_sid: settings.twimlAppSid } } },
    });
    expect(payload.grants.voice.incoming).toBeUndefined();
    expect(readVoiceAccessToken(token, 'another secret', new Date())).toBeNull();
    expect(readVoiceAccessToken(token, settings.apiKeySecret, new Date(Date.now() + 601_000))).toBeNull();
  });

  it('accepts a webhook signed with the auth token over its URL and parameters, and nothing else', () => {
    const telephony = createTwilioTelephony({ ...settings, apiUrl }, logger);
    const url = 'https://example.com/api/webhooks/twilio/status';
    const params = { CallSid: childSid, CallStatus: 'completed' };
    const signature = signWebhook(authToken, url, params);
    expect(telephony.verifyWebhook({ url, params, signature })).toBe(true);
    expect(telephony.verifyWebhook({ url, params, signature: undefined })).toBe(false);
    expect(telephony.verifyWebhook({ url, params: { ...params, CallStatus: 'busy' }, signature })).toBe(
      false,
    );
    expect(telephony.verifyWebhook({ url: `${url}?x=1`, params, signature })).toBe(false);
    expect(telephony.verifyWebhook({ url, params, signature: signWebhook('wrong-token', url, params) })).toBe(
      false,
    );
  });

  it('turns an API error into a TelephonyProviderError with the status', async () => {
    const telephony = createTwilioTelephony({ ...settings, apiUrl }, logger);
    const error = await telephony.getOutboundPrices('XX').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TelephonyProviderError);
    expect(error).toMatchObject({ status: 404, code: 20404 });
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

  it('is what the app places calls through: Twilio tokens, Twilio signatures, no sandbox routes', async () => {
    const t = await createTestApp({
      env: {
        TWILIO_ACCOUNT_SID: accountSid,
        TWILIO_AUTH_TOKEN: authToken,
        TWILIO_API_KEY_SID: settings.apiKeySid,
        TWILIO_API_KEY_SECRET: settings.apiKeySecret,
        TWILIO_TWIML_APP_SID: settings.twimlAppSid,
        TWILIO_DEFAULT_CALLER_ID: settings.defaultCallerId,
        TWILIO_API_URL: apiUrl,
      },
    });
    try {
      const caller = await newCaller(t, { cents: 500 });
      const token = (await caller.client.get('/api/calls/token')).json();
      expect(token).toMatchObject({ identity: caller.identity, sandbox: false });
      expect(readVoiceAccessToken(token.token, settings.apiKeySecret, new Date())).toMatchObject({
        identity: caller.identity,
        applicationSid: settings.twimlAppSid,
      });
      const sandbox = await caller.client.post('/api/sandbox/calls', { to: '+12025550100' });
      expect(sandbox.statusCode).toBe(404);

      const params = voiceParams(caller, '+12025550100');
      const sandboxSigned = await sendWebhook(t, '/api/webhooks/twilio/voice', params);
      expect(sandboxSigned.statusCode).toBe(403);
      const twilioSigned = await sendWebhook(t, '/api/webhooks/twilio/voice', params, { secret: authToken });
      expect(twilioSigned.statusCode).toBe(200);
      expect(twilioSigned.body).toContain('<Dial callerId="+14155550100"');
    } finally {
      await t.close();
    }
  });
});
