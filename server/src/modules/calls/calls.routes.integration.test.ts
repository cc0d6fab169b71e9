import type { CallItem, CallQuoteResponse, CallsResponse } from '@mobayilo/contract';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSeat,
  newCaller,
  placeCall,
  SANDBOX_SECRET,
  sendWebhook,
  statusParams,
  waitForSettled,
} from '../../../test/support/calls';
import { createHttpClient } from '../../../test/support/http-client';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { readVoiceAccessToken } from '../../providers/telephony/twilio/twilio-token.util';

describe('GET /api/calls/token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SANDBOX_SECRET } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives a funded caller a sandbox access token for their seat, without their address', async () => {
    const caller = await newCaller(t, { cents: 500 });
    const response = await caller.client.get('/api/calls/token');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body).toEqual({
      token: expect.any(String),
      identity: `m_${caller.membershipId}`,
      expiresAt: expect.any(String),
      sandbox: true,
    });
    expect(Math.abs(Date.parse(body.expiresAt) - Date.now() - 3600_000)).toBeLessThan(5000);
    expect(readVoiceAccessToken(body.token, SANDBOX_SECRET, new Date())?.identity).toBe(body.identity);
    expect(Buffer.from(body.token.split('.')[1], 'base64url').toString()).not.toContain('@');
  });

  it('refuses with insufficient_funds when the wallet has no available credit', async () => {
    for (const caller of [await newCaller(t), await newCaller(t, { cents: 100 })]) {
      if (caller === undefined) continue;
      // The second caller's credit is all held by a call in progress.
      await placeCall(t, caller, '+12025550100');
      const response = await caller.client.get('/api/calls/token');
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({
        error: { code: 'insufficient_funds', message: expect.stringContaining('enough credit') },
      });
    }
  });

  it('gives neither a token nor a price to a caller whose account was suspended while signed in', async () => {
    const caller = await newCaller(t, { cents: 500 });
    await t.db.execute(sql`update accounts set status = 'suspended' where id = ${caller.accountId}`);
    for (const path of ['/api/calls/token', '/api/calls/quote?to=%2B12025550100']) {
      const response = await caller.client.get(path);
      // The members stay signed in, and are told why they cannot call.
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'account_suspended' } });
    }
  });

  it('is for signed-in people only', async () => {
    const response = await createHttpClient(t.app).get('/api/calls/token');
    expect(response.statusCode).toBe(401);
  });

  it('is rate limited per person', async () => {
    const caller = await newCaller(t, { cents: 500 });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await caller.client.get('/api/calls/token')).statusCode);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    const limited = await caller.client.get('/api/calls/token');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });
});

describe('GET /api/calls/quote', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SANDBOX_SECRET, CALL_MAX_RATE_CENTS_PER_MINUTE: '40' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('prices a number for the caller’s plan with the minutes their credit buys', async () => {
    const caller = await newCaller(t, { cents: 500 });
    const response = await caller.client.get('/api/calls/quote?to=%2B447400123456');
    expect(response.statusCode).toBe(200);
    expect(response.json<CallQuoteResponse>()).toEqual({
      e164: '+447400123456',
      country: 'GB',
      destination: 'United Kingdom — Mobile',
      rateMicros: 49_000,
      availableMinutes: 102,
      allowed: true,
      reason: null,
      message: null,
    });
  });

  it('reads a national number with the country given, and caps the minutes at one call’s limit', async () => {
    const domain = `quote-${Date.now().toString(36)}.test`;
    const company = await newCaller(t, { cents: 10_000, kind: 'company', domain });
    const body = (await company.client.get('/api/calls/quote?to=020%207946%200018&country=gb')).json();
    expect(body).toMatchObject({
      e164: '+442079460018',
      rateMicros: 19_000,
      availableMinutes: 120,
      allowed: true,
    });
  });

  it('says why a call is not allowed', async () => {
    const funded = await newCaller(t, { cents: 500 });
    const broke = await newCaller(t);
    const cases = [
      [broke, '+447400123456', 'insufficient_funds'],
      [funded, '+19005550100', 'destination_blocked'],
      [funded, '+212612345678', 'rate_above_ceiling'],
    ] as const;
    for (const [caller, to, reason] of cases) {
      const body = (await caller.client.get(`/api/calls/quote?to=${encodeURIComponent(to)}`)).json();
      expect(body).toMatchObject({
        allowed: false,
        reason,
        availableMinutes: 0,
        message: expect.any(String),
      });
    }
  });

  it('answers 422 with the phone helper’s message for a number that is not valid', async () => {
    const caller = await newCaller(t, { cents: 500 });
    const response = await caller.client.get('/api/calls/quote?to=%2B44%2020%207946');
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      error: { code: 'invalid_phone_number', message: 'That number is too short for the United Kingdom' },
    });
    const missing = await caller.client.get('/api/calls/quote');
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const badCountry = await caller.client.get('/api/calls/quote?to=1234&country=GBR');
    expect(badCountry.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('is for signed-in people only', async () => {
    const response = await createHttpClient(t.app).get('/api/calls/quote?to=%2B447400123456');
    expect(response.statusCode).toBe(401);
  });
});

describe('GET /api/calls and /api/calls/recent', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: { SANDBOX_SECRET, CALL_MAX_CONCURRENT_PER_SEAT: '50', CALL_MAX_CONCURRENT_PER_ACCOUNT: '50' },
      work: true,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists a caller’s calls newest first, with what each cost, a page at a time', async () => {
    const caller = await newCaller(t, { cents: 2000 });
    const first = await placeCall(t, caller, '+12025550100');
    await sendWebhook(
      t,
      '/api/webhooks/twilio/status',
      statusParams(first.callSid, 'completed', { duration: 65 }),
    );
    await waitForSettled(t, first.callSid);
    const second = await placeCall(t, caller, '+447400123456');
    const third = await placeCall(t, caller, '+12025550100');

    const page = (await caller.client.get('/api/calls?limit=2')).json<CallsResponse>();
    expect(page.items.map((item) => item.callSid)).toEqual([third.callSid, second.callSid]);
    expect(page.nextCursor).toEqual(expect.any(String));
    const rest = (
      await caller.client.get(`/api/calls?limit=2&cursor=${encodeURIComponent(page.nextCursor ?? '')}`)
    ).json<CallsResponse>();
    expect(rest.nextCursor).toBeNull();
    expect(rest.items).toEqual([
      {
        id: expect.any(String),
        callSid: first.callSid,
        to: '+12025550100',
        destination: 'United States — Landline & mobile',
        country: 'US',
        status: 'completed',
        startedAt: expect.any(String),
        answeredAt: expect.any(String),
        endedAt: expect.any(String),
        durationSeconds: 65,
        billedMinutes: 2,
        rateMicros: 20_000,
        costCents: 4,
        seat: null,
      } satisfies CallItem,
    ]);
    expect(page.items[0]).toMatchObject({ status: 'initiated', costCents: null, durationSeconds: null });

    const recent = (await caller.client.get('/api/calls/recent')).json();
    expect(recent.items).toEqual([
      {
        to: '+12025550100',
        destination: 'United States — Landline & mobile',
        country: 'US',
        lastCalledAt: page.items[0]?.startedAt,
      },
      {
        to: '+447400123456',
        destination: 'United Kingdom — Mobile',
        country: 'GB',
        lastCalledAt: page.items[1]?.startedAt,
      },
    ]);
  });

  it('shows a company’s owners every seat’s calls and who placed them; a seat sees only their own', async () => {
    const domain = `history-${Date.now().toString(36)}.test`;
    const owner = await newCaller(t, { cents: 2000, kind: 'company', domain });
    const seat = await addSeat(t, owner, domain);
    const byOwner = await placeCall(t, owner, '+12025550100');
    const bySeat = await placeCall(t, seat, '+447400123456');

    const all = (await owner.client.get('/api/calls')).json<CallsResponse>();
    expect(all.items.map((item) => [item.callSid, item.seat?.userId])).toEqual([
      [bySeat.callSid, seat.userId],
      [byOwner.callSid, owner.userId],
    ]);
    expect(all.items[0]?.seat?.email).toMatch(/^seat\..*@history-/);

    await sendWebhook(
      t,
      '/api/webhooks/twilio/status',
      statusParams(bySeat.callSid, 'completed', { duration: 100 }),
    );
    await waitForSettled(t, bySeat.callSid);
    const usage = (await owner.client.get('/api/wallet/usage')).json();
    expect(usage.items).toContainEqual(
      expect.objectContaining({ membershipId: seat.membershipId, calls: 1, costCents: 9 }),
    );

    const own = (await seat.client.get('/api/calls')).json<CallsResponse>();
    expect(own.items.map((item) => [item.callSid, item.seat])).toEqual([[bySeat.callSid, null]]);
    expect(
      (await seat.client.get('/api/calls/recent')).json().items.map((item: { to: string }) => item.to),
    ).toEqual(['+447400123456']);
  });

  it('keeps the last ten distinct numbers for the dialer', async () => {
    const caller = await newCaller(t, { cents: 5000 });
    for (let n = 0; n < 12; n += 1) await placeCall(t, caller, `+1202555${String(110 + n).padStart(4, '0')}`);
    await placeCall(t, caller, '+12025550110');
    const items = (await caller.client.get('/api/calls/recent')).json().items as { to: string }[];
    expect(items.map((item) => item.to)).toEqual([
      '+12025550110',
      '+12025550121',
      '+12025550120',
      '+12025550119',
      '+12025550118',
      '+12025550117',
      '+12025550116',
      '+12025550115',
      '+12025550114',
      '+12025550113',
    ]);
  });

  it('refuses a cursor it did not give out and a limit out of range', async () => {
    const caller = await newCaller(t);
    expect((await caller.client.get('/api/calls?cursor=nonsense')).statusCode).toBe(422);
    expect((await caller.client.get('/api/calls?limit=0')).statusCode).toBe(422);
    expect((await caller.client.get('/api/calls?limit=101')).statusCode).toBe(422);
  });

  it('is for signed-in people only', async () => {
    const anonymous = createHttpClient(t.app);
    expect((await anonymous.get('/api/calls')).statusCode).toBe(401);
    expect((await anonymous.get('/api/calls/recent')).statusCode).toBe(401);
  });
});
