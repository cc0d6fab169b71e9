import type { CountryRatesResponse, RateCountriesResponse } from '@mobayilo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

describe('GET /api/rates', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every country with its dialing code, flag and cheapest price per plan, signed out', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/rates' });
    expect(response.statusCode).toBe(200);
    const body = response.json<RateCountriesResponse>();
    expect(body.items.length).toBeGreaterThanOrEqual(60);
    expect(body.items.find((country) => country.iso === 'GB')).toEqual({
      iso: 'GB',
      name: 'United Kingdom',
      dialingCode: '+44',
      flag: '🇬🇧',
      fromIndividualMicros: 21_000,
      fromCompanyMicros: 19_000,
    });
    const names = body.items.map((country) => country.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('is cacheable: an ETag, Cache-Control, and 304 when the client has it', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/rates' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/rates',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    const weak = await t.app.inject({
      method: 'GET',
      url: '/api/rates',
      headers: { 'if-none-match': `"other", W/${etag}` },
    });
    expect(weak.statusCode).toBe(304);
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/rates',
      headers: { 'if-none-match': '"old"' },
    });
    expect(stale.statusCode).toBe(200);
  });

  it('answers a new ETag once prices change', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/rates/GB' })).headers.etag;
    await t.modules.rates.imports.applyCsvImport('447,GB,Mobile,0.0600,0.0500\n');
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/rates/GB',
      headers: { 'if-none-match': before },
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before);
    const mobile = after.json<CountryRatesResponse>().destinations.find((d) => d.prefix === '447');
    expect(mobile).toMatchObject({ individualMicros: 60_000, companyMicros: 50_000 });
  });
});

describe('GET /api/rates/:iso', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the destinations of a country for both plans, mobile and landline apart', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/rates/gb' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      iso: 'GB',
      name: 'United Kingdom',
      dialingCode: '+44',
      destinations: [
        {
          prefix: '44',
          label: 'United Kingdom — Landline',
          type: 'landline',
          individualMicros: 21_000,
          companyMicros: 19_000,
        },
        {
          prefix: '447',
          label: 'United Kingdom — Mobile',
          type: 'mobile',
          individualMicros: 49_000,
          companyMicros: 44_000,
        },
      ],
    });
    expect(response.headers.etag).toMatch(/^"/);
  });

  it('answers 304 for an ETag the client already has', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/rates/FR' });
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/rates/FR',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  it('prices a country without rows of its own at the rate its calls would be charged', async () => {
    const fiji = await t.app.inject({ method: 'GET', url: '/api/rates/FJ' });
    expect(fiji.statusCode).toBe(200);
    const rate = t.config.rates.defaultRateMicros;
    expect(fiji.json<CountryRatesResponse>().destinations).toEqual([
      {
        prefix: '679',
        label: 'Fiji — All numbers',
        type: 'any',
        individualMicros: rate,
        companyMicros: rate,
      },
    ]);
    const list = (await t.app.inject({ method: 'GET', url: '/api/rates' })).json<RateCountriesResponse>();
    expect(list.items.map((country) => country.iso)).toEqual(expect.arrayContaining(['CU', 'FJ']));
  });

  it('answers 404 unknown_country for a code no country uses, and for any unlisted one when those are refused', async () => {
    const madeUp = await t.app.inject({ method: 'GET', url: '/api/rates/ZZ' });
    expect(madeUp.statusCode).toBe(404);
    expect(madeUp.json()).toMatchObject({
      error: { code: 'unknown_country', message: 'We have no prices for ZZ' },
    });
    const strict = await createTestApp({ env: { REFUSE_UNLISTED_DESTINATIONS: 'true' } });
    try {
      const fiji = await strict.app.inject({ method: 'GET', url: '/api/rates/FJ' });
      expect(fiji.json()).toMatchObject({
        error: { code: 'unknown_country', message: 'We have no prices for Fiji' },
      });
    } finally {
      await strict.close();
    }
  });

  it('answers 422 validation_failed for something that is not an ISO code', async () => {
    for (const iso of ['GBR', 'G1', '44']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/rates/${iso}` });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({
        error: { code: 'validation_failed', details: { fields: [{ path: 'params.iso' }] } },
      });
    }
  });

  it('shows a plan without its own price for a prefix at what a call would cost: the shorter prefix’s price', async () => {
    await t.database.pool.query(`delete from rates where prefix = '447' and plan = 'company'`);
    await t.database.pool.query('update rates_state set version = version + 1');
    t.modules.rates.service.invalidate();
    const response = await t.app.inject({ method: 'GET', url: '/api/rates/GB' });
    const mobile = response.json<CountryRatesResponse>().destinations.find((d) => d.prefix === '447');
    expect(mobile).toMatchObject({ individualMicros: 49_000, companyMicros: 19_000 });
  });

  it('is public: no route needs sign-in and none takes writes', async () => {
    const post = await t.app.inject({ method: 'POST', url: '/api/rates', payload: {} });
    expect(post.statusCode).toBe(404);
  });
});
