import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StripeDouble, startStripeDouble } from '../../../../test/support/stripe-double';
import type { PaymentsProvider } from '../payments.port';
import { PaymentsProviderError } from '../payments.port';
import { createStripePayments } from './stripe.adapter';

describe('the Stripe adapter, against a loopback double of the API', () => {
  let double: StripeDouble;
  let stripe: PaymentsProvider;

  beforeAll(async () => {
    double = await startStripeDouble();
    stripe = createStripePayments({
      secretKey: 'sk_test_adapter',
      webhookSecret: 'whsec_x',
      apiUrl: double.url,
    });
  });
  afterAll(async () => {
    await double.close();
  });

  it('creates a customer with our account id, authenticated with the secret key and keyed', async () => {
    const { customerId } = await stripe.createCustomer({
      accountId: 'acc-1',
      email: 'ada@example.com',
      name: 'Ada',
      idempotencyKey: 'customer:acc-1',
    });
    expect(customerId).toMatch(/^cus_double_/);
    const [request] = double.requests('POST', '/v1/customers');
    expect(request).toMatchObject({
      idempotencyKey: 'customer:acc-1',
      authorization: 'Bearer sk_test_adapter',
      form: { email: 'ada@example.com', name: 'Ada', 'metadata[accountId]': 'acc-1' },
    });
  });

  it('opens a payment Checkout with the amount in cents, our references on the session and the PaymentIntent, and saves the card when asked', async () => {
    const session = await stripe.createCheckout({
      mode: 'payment',
      customerId: 'cus_1',
      amountCents: 2500,
      saveCard: true,
      description: 'Mobayilo credit $25',
      metadata: { topupId: 'top-1', accountId: 'acc-1', kind: 'checkout' },
      successUrl: 'http://app.test/dial?topup=top-1',
      cancelUrl: 'http://app.test/credits?topup=top-1',
      idempotencyKey: 'checkout:top-1',
    });
    expect(session.url).toBe(`https://checkout.double/${session.id}`);
    const request = double.requests('POST', '/v1/checkout/sessions').at(-1);
    expect(request?.idempotencyKey).toBe('checkout:top-1');
    expect(request?.form).toMatchObject({
      mode: 'payment',
      customer: 'cus_1',
      client_reference_id: 'top-1',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '2500',
      'metadata[topupId]': 'top-1',
      'payment_intent_data[metadata][topupId]': 'top-1',
      'payment_intent_data[metadata][accountId]': 'acc-1',
      'payment_intent_data[setup_future_usage]': 'off_session',
      success_url: 'http://app.test/dial?topup=top-1',
      cancel_url: 'http://app.test/credits?topup=top-1',
    });
  });

  it('leaves the card unsaved unless asked, and opens setup mode with a currency and SetupIntent metadata', async () => {
    await stripe.createCheckout({
      mode: 'payment',
      customerId: 'cus_1',
      amountCents: 500,
      saveCard: false,
      description: 'Mobayilo credit $5',
      metadata: { topupId: 'top-2' },
      successUrl: 'http://app.test/s',
      cancelUrl: 'http://app.test/c',
      idempotencyKey: 'checkout:top-2',
    });
    expect(double.requests('POST', '/v1/checkout/sessions').at(-1)?.form).not.toHaveProperty(
      'payment_intent_data[setup_future_usage]',
    );

    await stripe.createCheckout({
      mode: 'setup',
      customerId: 'cus_1',
      description: 'Save a card',
      metadata: { accountId: 'acc-1', kind: 'setup' },
      successUrl: 'http://app.test/s',
      cancelUrl: 'http://app.test/c',
      idempotencyKey: 'setup:acc-1:1',
    });
    expect(double.requests('POST', '/v1/checkout/sessions').at(-1)?.form).toMatchObject({
      mode: 'setup',
      currency: 'usd',
      'setup_intent_data[metadata][accountId]': 'acc-1',
    });
  });

  it('charges a saved card off-session with the idempotency key, and a repeat charges nothing more', async () => {
    const charge = {
      customerId: 'cus_1',
      paymentMethodId: 'pm_card_visa',
      amountCents: 2000,
      description: 'Mobayilo automatic top-up',
      metadata: { topupId: 'top-3', accountId: 'acc-1', kind: 'auto' },
      idempotencyKey: 'auto-topup:top-3',
    };
    const first = await stripe.chargeSavedCard(charge);
    const again = await stripe.chargeSavedCard(charge);
    expect(first).toMatchObject({ status: 'succeeded', amountCents: 2000 });
    expect(again).toEqual(first);
    const requests = double.seen.filter((r) => r.idempotencyKey === 'auto-topup:top-3');
    expect(requests).toHaveLength(2);
    expect(requests[0]?.form).toMatchObject({
      amount: '2000',
      currency: 'usd',
      customer: 'cus_1',
      payment_method: 'pm_card_visa',
      off_session: 'true',
      confirm: 'true',
      'metadata[topupId]': 'top-3',
    });
  });

  it('reports a decline and an authentication request as failures with their codes and PaymentIntent', async () => {
    const base = { customerId: 'cus_1', amountCents: 1000, description: 'x', metadata: {} };
    const declined = await stripe.chargeSavedCard({
      ...base,
      paymentMethodId: 'pm_card_declined',
      idempotencyKey: 'auto-topup:d',
    });
    expect(declined).toMatchObject({ status: 'failed', code: 'generic_decline' });
    const auth = await stripe.chargeSavedCard({
      ...base,
      paymentMethodId: 'pm_card_auth',
      idempotencyKey: 'auto-topup:a',
    });
    expect(auth).toMatchObject({ status: 'failed', code: 'authentication_required' });
    expect(auth.status === 'failed' && auth.paymentIntentId).toMatch(/^pi_double_/);
  });

  it('reads card details and the cards behind intents', async () => {
    expect(await stripe.describePaymentMethod('pm_card_visa')).toEqual({
      paymentMethodId: 'pm_card_visa',
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2031,
    });
    double.knowIntent('pi_known', { metadata: { topupId: 'top-9' } });
    expect(await stripe.retrievePaymentIntent('pi_known')).toEqual({
      id: 'pi_known',
      paymentMethodId: 'pm_card_visa',
      metadata: { topupId: 'top-9' },
    });
    expect(await stripe.paymentMethodOfSetupIntent('seti_for_pm_card_auth')).toBe('pm_card_auth');
  });

  it('turns an API error into a PaymentsProviderError with its status', async () => {
    const error = await stripe.describePaymentMethod('pm_unknown').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentsProviderError);
    expect((error as PaymentsProviderError).status).toBe(404);
  });
});
