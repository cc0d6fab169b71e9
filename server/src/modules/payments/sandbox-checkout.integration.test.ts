import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/free-port';
import { owner } from '../../../test/support/payments';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { waitFor } from '../../../test/support/wait';

/**
 * The sandbox plays Stripe: its checkout page pays with test cards and sends signed events to our webhook
 * over real HTTP, so the app listens on PUBLIC_URL here.
 */
describe('the sandbox checkout', () => {
  let t: TestApp;
  let publicUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    t = await createTestApp({ work: true, env: { PUBLIC_URL: publicUrl } });
    await t.app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
  });

  type Person = Awaited<ReturnType<typeof owner>>;

  async function startTopup(person: Person, amountCents = 1000, saveCard = false) {
    const response = await person.client.post('/api/wallet/topups', { amountCents, saveCard });
    expect(response.statusCode).toBe(201);
    const { topupId, checkoutUrl } = response.json() as { topupId: string; checkoutUrl: string };
    expect(checkoutUrl.startsWith(`${publicUrl}/sandbox/checkout/cs_sb_`)).toBe(true);
    return { topupId, sessionId: checkoutUrl.split('/').at(-1) ?? '' };
  }
  const pay = (person: Person, sessionId: string, body: Record<string, unknown>) =>
    person.client.post('/api/sandbox/checkout/pay', { session: sessionId, ...body });
  const topupOf = async (person: Person, topupId: string) =>
    (await person.client.get(`/api/wallet/topups/${topupId}`)).json();
  const settled = (person: Person, topupId: string) =>
    waitFor(async () => {
      const topup = await topupOf(person, topupId);
      return topup.status === 'pending' ? undefined : topup;
    });
  const balance = async (person: Person) => (await person.client.get('/api/wallet')).json().balanceCents;

  it('shows the session, pays it with the success card, and the credit lands once', async () => {
    const person = await owner(t);
    const { topupId, sessionId } = await startTopup(person, 1000);
    const view = (await person.client.get(`/api/sandbox/checkout?session=${sessionId}`)).json();
    expect(view).toMatchObject({ mode: 'payment', amountCents: 1000, currency: 'usd' });
    expect(view.cards.map((card: { label: string }) => card.label)).toEqual([
      'Succeeds',
      'Declined',
      'Requires authentication',
      'Saves, then declines later charges',
    ]);

    const paid = await pay(person, sessionId, { card: '4242 4242 4242 4242' });
    expect(paid.json()).toMatchObject({
      outcome: 'succeeded',
      redirectUrl: `${publicUrl}/dial?topup=${topupId}`,
    });
    expect(await settled(person, topupId)).toMatchObject({ status: 'succeeded', cardLast4: '4242' });
    expect(await balance(person)).toBe(1000);

    // Paying the same session again sends the very same events: nothing more is credited.
    await pay(person, sessionId, { card: '4242424242424242' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await balance(person)).toBe(1000);
  });

  it('declines the declined card: back to the cancel page, the top-up failed, the balance unchanged', async () => {
    const person = await owner(t);
    const { topupId, sessionId } = await startTopup(person, 500);
    const declined = await pay(person, sessionId, { card: '4000000000000002' });
    expect(declined.json()).toMatchObject({
      outcome: 'declined',
      message: 'Your card was declined.',
      redirectUrl: `${publicUrl}/credits?topup=${topupId}`,
    });
    expect(await settled(person, topupId)).toMatchObject({
      status: 'failed',
      failureMessage: 'Your card was declined.',
    });
    expect(await balance(person)).toBe(0);
  });

  it('asks for authentication, then pays once approved or fails once denied', async () => {
    const person = await owner(t);
    const first = await startTopup(person, 700);
    const asked = await pay(person, first.sessionId, { card: '4000002760003184' });
    expect(asked.json()).toMatchObject({ outcome: 'authentication_required', redirectUrl: null });
    expect((await topupOf(person, first.topupId)).status).toBe('pending');
    await pay(person, first.sessionId, { card: '4000002760003184', authentication: 'approve' });
    expect(await settled(person, first.topupId)).toMatchObject({ status: 'succeeded', cardLast4: '3184' });

    const second = await startTopup(person, 700);
    const denied = await pay(person, second.sessionId, { card: '4000002760003184', authentication: 'deny' });
    expect(denied.json().outcome).toBe('authentication_failed');
    expect((await settled(person, second.topupId)).status).toBe('failed');
    expect(await balance(person)).toBe(700);
  });

  it('saves the card when asked; automatic charges of the card that declines later fail and are recorded', async () => {
    const person = await owner(t);
    const { topupId, sessionId } = await startTopup(person, 1000, true);
    await pay(person, sessionId, { card: '4000000000000341' });
    await settled(person, topupId);
    expect((await person.client.get('/api/wallet/payment-method')).json().card).toMatchObject({
      brand: 'visa',
      last4: '0341',
    });
    const settings = { enabled: true, thresholdCents: 2000, amountCents: 1000, dailyCapCents: 3000 };
    expect((await person.client.put('/api/wallet/auto-topup', settings)).statusCode).toBe(200);
    await waitFor(async () => {
      const status = (await person.client.get('/api/wallet/auto-topup')).json();
      return status.lastFailure ? status : undefined;
    });
    expect(await balance(person)).toBe(1000);
  });

  it('saves a card without paying through a setup session', async () => {
    const person = await owner(t);
    const { checkoutUrl } = (await person.client.post('/api/wallet/payment-method/setup')).json();
    const sessionId = checkoutUrl.split('/').at(-1);
    expect((await person.client.get(`/api/sandbox/checkout?session=${sessionId}`)).json().mode).toBe('setup');
    const saved = await pay(person, sessionId, { card: '4242424242424242' });
    expect(saved.json()).toMatchObject({
      outcome: 'succeeded',
      redirectUrl: `${publicUrl}/credits?card=saved`,
    });
    await waitFor(
      async () => (await person.client.get('/api/wallet/payment-method')).json().card ?? undefined,
    );
  });

  it('ends the top-up when the person leaves, and refuses sessions it did not sign', async () => {
    const person = await owner(t);
    const { topupId, sessionId } = await startTopup(person, 500);
    const left = await person.client.post('/api/sandbox/checkout/cancel', { session: sessionId });
    expect(left.json()).toEqual({ redirectUrl: `${publicUrl}/credits?topup=${topupId}` });
    expect(await settled(person, topupId)).toMatchObject({ status: 'failed' });

    const forged = `${sessionId.slice(0, -4)}AAAA`;
    expect((await person.client.get(`/api/sandbox/checkout?session=${forged}`)).statusCode).toBe(404);
    const unknownCard = await pay(person, sessionId, { card: '5555555555554444' });
    expect(unknownCard.statusCode).toBe(422);
  });
});
