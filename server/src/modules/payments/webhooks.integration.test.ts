import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForMail } from '../../../test/support/mail';
import {
  deliver,
  owner,
  postStripeEvent,
  settledEvent,
  stripeEnv,
  stripeEvent,
  WEBHOOK_SECRET,
} from '../../../test/support/payments';
import { type StripeDouble, startStripeDouble } from '../../../test/support/stripe-double';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { providerEvents } from '../inbox/tables';

describe('Stripe webhooks: signed, stored once, credited once', () => {
  let t: TestApp;
  let double: StripeDouble;

  beforeAll(async () => {
    double = await startStripeDouble();
    t = await createTestApp({ work: true, env: stripeEnv(double) });
  });
  afterAll(async () => {
    await t.close();
    await double.close();
  });

  /** An owner with a pending $`dollars` Checkout top-up. */
  async function pendingTopup(dollars = 10, body: Record<string, unknown> = {}) {
    const person = await owner(t);
    const response = await person.client.post('/api/wallet/topups', { amountCents: dollars * 100, ...body });
    const { topupId } = response.json();
    return { ...person, topupId: topupId as string, amountCents: dollars * 100 };
  }

  const paidSession = (topup: Awaited<ReturnType<typeof pendingTopup>>, intent: string, extra = {}) =>
    stripeEvent('checkout.session.completed', {
      id: `cs_${intent}`,
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      amount_total: topup.amountCents,
      payment_intent: intent,
      metadata: { topupId: topup.topupId, accountId: topup.accountId },
      ...extra,
    });
  const succeededIntent = (topup: Awaited<ReturnType<typeof pendingTopup>>, intent: string) =>
    stripeEvent('payment_intent.succeeded', {
      id: intent,
      object: 'payment_intent',
      amount: topup.amountCents,
      amount_received: topup.amountCents,
      payment_method: 'pm_card_visa',
      metadata: { topupId: topup.topupId, accountId: topup.accountId },
    });

  async function balanceOf(accountId: string) {
    return (await t.modules.ledger.service.walletSummary(accountId)).balanceCents;
  }
  async function storedEvents() {
    return (await t.db.select({ n: count() }).from(providerEvents))[0]?.n ?? 0;
  }

  it('refuses a forged, altered, stale or unsigned event with 400 and stores nothing', async () => {
    const topup = await pendingTopup();
    const event = paidSession(topup, 'pi_forged');
    const before = await storedEvents();
    const wrongSecret = await postStripeEvent(t, event, { secret: 'whsec_attacker' });
    expect(wrongSecret.statusCode).toBe(400);
    expect(wrongSecret.json().error.code).toBe('invalid_signature');
    const altered = await postStripeEvent(t, event, {
      body: JSON.stringify({ ...event, data: { object: { ...event.data.object, amount_total: 99_900 } } }),
    });
    expect(altered.statusCode).toBe(400);
    const stale = await postStripeEvent(t, event, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.statusCode).toBe(400);
    const unsigned = await t.app.inject({ method: 'POST', url: '/api/webhooks/stripe', payload: event });
    expect(unsigned.statusCode).toBe(400);
    expect(await storedEvents()).toBe(before);
    expect(await balanceOf(topup.accountId).catch(() => 0)).toBe(0);
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/payments_webhooks_total\{outcome="refused"\} 4/);
  });

  it('credits a paid Checkout once, however often and in whatever order its events arrive', async () => {
    const topup = await pendingTopup(10);
    const intent = `pi_${topup.topupId.slice(0, 8)}`;
    const session = paidSession(topup, intent);
    const payment = succeededIntent(topup, intent);

    // The PaymentIntent's event first, then the session's twice over, then Stripe's retry of the first.
    const first = await postStripeEvent(t, payment);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: true, duplicate: false });
    await Promise.all([postStripeEvent(t, session), postStripeEvent(t, session)]);
    expect((await postStripeEvent(t, payment)).json().duplicate).toBe(true);
    // Stripe may also send the same change as a second event object.
    await deliver(t, { ...session, id: `${session.id}_again` });
    await settledEvent(t, session.id);
    await settledEvent(t, payment.id);

    expect(await balanceOf(topup.accountId)).toBe(1000);
    const stored = await topup.client.get(`/api/wallet/topups/${topup.topupId}`);
    expect(stored.json()).toMatchObject({ status: 'succeeded', cardBrand: 'visa', cardLast4: '4242' });
    const receipt = await waitForMail(t.db, topup.email, 'topup_receipt');
    expect(receipt.textBody).toContain('$10');
    expect(receipt.textBody).toContain('ending 4242');
    expect(receipt.textBody).toContain('Your balance is now $10.');
    const history = await t.modules.ledger.service.history({ wallet: topup.accountId }, {});
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ kind: 'topup', amountCents: 1000, reference: intent });
    expect(history.items[0]?.description).toBe('Top-up by Visa ending 4242');
  });

  it('credits even when the processor cannot say which card paid; the receipt then names no card', async () => {
    const topup = await pendingTopup(12);
    const event = succeededIntent(topup, `pi_nocard_${topup.topupId.slice(0, 8)}`);
    await deliver(t, { ...event, data: { object: { ...event.data.object, payment_method: 'pm_unknown' } } });
    expect(await balanceOf(topup.accountId)).toBe(1200);
    const receipt = await waitForMail(t.db, topup.email, 'topup_receipt');
    expect(receipt.textBody).toContain('paid with your card');
  });

  it('waits for a delayed payment, then credits it on async_payment_succeeded', async () => {
    const topup = await pendingTopup(20);
    const intent = `pi_async_${topup.topupId.slice(0, 8)}`;
    const unpaid = await deliver(t, paidSession(topup, intent, { payment_status: 'unpaid' }));
    expect(unpaid.outcome).toBe('awaiting the delayed payment');
    expect(await balanceOf(topup.accountId).catch(() => 0)).toBe(0);

    const paid = stripeEvent(
      'checkout.session.async_payment_succeeded',
      paidSession(topup, intent).data.object,
    );
    await deliver(t, paid);
    expect(await balanceOf(topup.accountId)).toBe(2000);
  });

  it('fails a delayed payment that failed, credits nothing and tells the person', async () => {
    const topup = await pendingTopup(15);
    const session = paidSession(topup, 'pi_async_failed', { payment_status: 'unpaid' }).data.object;
    await deliver(t, stripeEvent('checkout.session.completed', session));
    await deliver(t, stripeEvent('checkout.session.async_payment_failed', session));
    const stored = (await topup.client.get(`/api/wallet/topups/${topup.topupId}`)).json();
    expect(stored).toMatchObject({ status: 'failed', failureMessage: 'The payment did not go through.' });
    expect((await waitForMail(t.db, topup.email, 'payment_failed')).textBody).toContain('$15');
    expect(await balanceOf(topup.accountId).catch(() => 0)).toBe(0);
  });

  it('records a declined payment without crediting, and a later success still credits', async () => {
    const topup = await pendingTopup(10);
    const declined = stripeEvent('payment_intent.payment_failed', {
      id: 'pi_declined_then_paid',
      object: 'payment_intent',
      amount: 1000,
      metadata: { topupId: topup.topupId },
      last_payment_error: {
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
      },
    });
    await deliver(t, declined);
    expect((await topup.client.get(`/api/wallet/topups/${topup.topupId}`)).json()).toMatchObject({
      status: 'failed',
      failureMessage: 'Your card was declined.',
    });
    await deliver(t, succeededIntent(topup, 'pi_declined_then_paid'));
    expect(await balanceOf(topup.accountId)).toBe(1000);
    // A late failure of the same payment does not undo the success.
    await deliver(t, { ...declined, id: `${declined.id}_late` });
    expect((await topup.client.get(`/api/wallet/topups/${topup.topupId}`)).json().status).toBe('succeeded');
  });

  it('stores and ignores event types it does not act on, and events that are not ours', async () => {
    const unknown = await deliver(t, stripeEvent('customer.updated', { id: 'cus_1', object: 'customer' }));
    expect(unknown).toMatchObject({ status: 'ignored', outcome: 'customer.updated is not handled' });
    const foreign = await deliver(
      t,
      stripeEvent('payment_intent.succeeded', { id: 'pi_foreign', amount: 100, metadata: { order: '7' } }),
    );
    expect(foreign.status).toBe('ignored');
  });

  it('saves the card from a setup-mode Checkout and from setup_intent.succeeded', async () => {
    const person = await owner(t);
    await deliver(
      t,
      stripeEvent('checkout.session.completed', {
        id: 'cs_setup_1',
        mode: 'setup',
        payment_status: 'no_payment_required',
        setup_intent: 'seti_for_pm_card_visa',
        metadata: { accountId: person.accountId },
      }),
    );
    expect((await person.client.get('/api/wallet/payment-method')).json()).toEqual({
      card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2031 },
    });
    await deliver(
      t,
      stripeEvent('setup_intent.succeeded', {
        id: 'seti_2',
        payment_method: 'pm_card_auth',
        metadata: { accountId: person.accountId },
      }),
    );
    expect((await person.client.get('/api/wallet/payment-method')).json().card.last4).toBe('3184');
  });

  it('saves the card a Checkout top-up paid with when the person asked to keep it', async () => {
    const topup = await pendingTopup(10, { saveCard: true });
    await deliver(t, succeededIntent(topup, `pi_save_${topup.topupId.slice(0, 6)}`));
    expect((await topup.client.get('/api/wallet/payment-method')).json().card.last4).toBe('4242');
  });

  it('answers within the request and leaves the work to the job (the webhook never waits on Stripe)', async () => {
    const topup = await pendingTopup(10);
    const event = paidSession(topup, 'pi_fast');
    const response = await postStripeEvent(t, event);
    expect(response.statusCode).toBe(200);
    const [row] = await t.db.select().from(providerEvents).where(eq(providerEvents.eventKey, event.id));
    expect(row?.type).toBe('checkout.session.completed');
    expect(WEBHOOK_SECRET).toMatch(/^whsec_/);
  });
});
