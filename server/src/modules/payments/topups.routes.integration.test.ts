import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../test/support/http-client';
import { origin, owner, seatOf, stripeEnv } from '../../../test/support/payments';
import { type StripeDouble, startStripeDouble } from '../../../test/support/stripe-double';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

describe('POST /api/wallet/topups', () => {
  let t: TestApp;
  let double: StripeDouble;

  beforeAll(async () => {
    double = await startStripeDouble();
    t = await createTestApp({ env: { ...stripeEnv(double), TOPUP_MAX_CENTS: '50000' } });
  });
  afterAll(async () => {
    await t.close();
    await double.close();
  });

  it('starts a Checkout top-up for an individual and records it as pending', async () => {
    const { client, accountId } = await owner(t);
    const response = await client.post('/api/wallet/topups', { amountCents: 1000, saveCard: true });
    expect(response.statusCode).toBe(201);
    const { topupId, checkoutUrl } = response.json();
    expect(checkoutUrl).toMatch(/^https:\/\/checkout\.double\/cs_double_/);

    const session = double.requests('POST', '/v1/checkout/sessions').at(-1);
    expect(session?.form).toMatchObject({
      'line_items[0][price_data][unit_amount]': '1000',
      'metadata[topupId]': topupId,
      'metadata[accountId]': accountId,
      'payment_intent_data[metadata][topupId]': topupId,
      success_url: `${origin(t)}/dial?topup=${topupId}`,
    });
    const topup = await client.get(`/api/wallet/topups/${topupId}`);
    expect(topup.json()).toMatchObject({
      id: topupId,
      status: 'pending',
      amountCents: 1000,
      kind: 'checkout',
    });
    const list = await client.get('/api/wallet/topups');
    expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([topupId]);
  });

  it('reuses the account’s processor customer for later top-ups', async () => {
    const { client } = await owner(t);
    const before = double.requests('POST', '/v1/customers').length;
    await client.post('/api/wallet/topups', { amountCents: 500 });
    await client.post('/api/wallet/topups', { amountCents: 600 });
    expect(double.requests('POST', '/v1/customers').length - before).toBe(1);
    const customers = double
      .requests('POST', '/v1/checkout/sessions')
      .slice(-2)
      .map((r) => r.form.customer);
    expect(new Set(customers).size).toBe(1);
  });

  it('refuses $4 for an individual and $50 for a company with 422 below_minimum naming the minimum', async () => {
    const person = await owner(t);
    const small = await person.client.post('/api/wallet/topups', { amountCents: 400 });
    expect(small.statusCode).toBe(422);
    expect(small.json().error).toMatchObject({ code: 'below_minimum', details: { minimumCents: 500 } });
    expect(small.json().error.message).toContain('$5');

    const company = await owner(t, 'company');
    const fifty = await company.client.post('/api/wallet/topups', { amountCents: 5000 });
    expect(fifty.json().error).toMatchObject({ code: 'below_minimum', details: { minimumCents: 10_000 } });
    expect(fifty.json().error.message).toContain('$100');
    expect((await company.client.post('/api/wallet/topups', { amountCents: 10_000 })).statusCode).toBe(201);
  });

  it('refuses cents that are not whole dollars, and amounts above the configured maximum', async () => {
    const { client } = await owner(t);
    const cents = await client.post('/api/wallet/topups', { amountCents: 1050 });
    expect(cents.statusCode).toBe(422);
    expect(cents.json().error.code).toBe('validation_failed');
    expect(cents.json().error.details.fields[0]).toMatchObject({
      path: 'body.amountCents',
      message: 'Enter an amount in whole dollars, such as $10.',
    });
    const text = await client.post('/api/wallet/topups', { amountCents: '10' });
    expect(text.json().error.code).toBe('validation_failed');
    const large = await client.post('/api/wallet/topups', { amountCents: 60_000 });
    expect(large.json().error).toMatchObject({ code: 'above_maximum', details: { maximumCents: 50_000 } });
  });

  it('writes nothing and calls nobody for a refused amount', async () => {
    const { client } = await owner(t);
    const sessions = double.requests('POST', '/v1/checkout/sessions').length;
    await client.post('/api/wallet/topups', { amountCents: 100 });
    expect(double.requests('POST', '/v1/checkout/sessions').length).toBe(sessions);
    expect((await client.get('/api/wallet/topups')).json().items).toEqual([]);
  });

  it('lets company owners top up but not seats (403), nor anyone signed out (401), nor without CSRF (403)', async () => {
    const company = await owner(t, 'company');
    const seat = await seatOf(t, company);
    const bySeat = await seat.post('/api/wallet/topups', { amountCents: 10_000 });
    expect(bySeat.statusCode).toBe(403);
    expect(bySeat.json().error.code).toBe('forbidden');
    expect((await seat.get('/api/wallet/topups')).statusCode).toBe(403);

    const stranger = createHttpClient(t.app, { origin: origin(t) });
    expect((await stranger.post('/api/wallet/topups', { amountCents: 1000 })).statusCode).toBe(401);

    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/wallet/topups',
      payload: { amountCents: 1000 },
      headers: { cookie: [...company.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(noToken.json().error.code).toBe('csrf_failed');
  });

  it('limits an account to 20 checkouts an hour (429 rate_limited), against card testing', async () => {
    const { client } = await owner(t);
    for (let i = 0; i < 20; i += 1)
      expect((await client.post('/api/wallet/topups', { amountCents: 500 })).statusCode).toBe(201);
    const limited = await client.post('/api/wallet/topups', { amountCents: 500 });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect((await client.post('/api/wallet/payment-method/setup')).statusCode).toBe(429);
  });

  it('has no sandbox checkout when Stripe is configured', async () => {
    const { client } = await owner(t);
    expect((await client.get('/api/sandbox/checkout?session=cs_sb_anything.x')).statusCode).toBe(404);
  });

  it('shows a top-up only to its own account', async () => {
    const first = await owner(t);
    const { topupId } = (await first.client.post('/api/wallet/topups', { amountCents: 700 })).json();
    const second = await owner(t);
    const response = await second.client.get(`/api/wallet/topups/${topupId}`);
    expect(response.statusCode).toBe(404);
    expect((await second.client.get('/api/wallet/topups/not-a-uuid')).statusCode).toBe(422);
  });
});
