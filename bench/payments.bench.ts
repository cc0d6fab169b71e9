import { signStripePayload } from '../server/src/providers/payments/stripe/stripe-signature.util';
import { load, reportLoad } from './support/load';
import { startProduct } from './support/product';

// Webhook intake: what Stripe waits for on every event (raw body, signature check, one insert into the
// inbox with its job, 200). New events are stored and queued; repeats stop at the inbox's unique key.
// Compare with healthz, the cheapest route through the same stack.
const secret = 'whsec_bench_payments';
const product = await startProduct({
  STRIPE_SECRET_KEY: 'sk_test_bench',
  STRIPE_WEBHOOK_SECRET: secret,
  // Never called: the events below are of a type the app stores and ignores.
  STRIPE_API_URL: 'http://127.0.0.1:9',
});

let counter = 0;
function signedEvent(id: string) {
  const body = JSON.stringify({
    id,
    object: 'event',
    type: 'customer.updated',
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: 'cus_bench', object: 'customer' } },
  });
  return {
    method: 'POST' as const,
    path: '/api/webhooks/stripe',
    headers: { 'content-type': 'application/json', 'stripe-signature': signStripePayload(body, secret) },
    body,
  };
}

try {
  const url = product.baseUrl;
  await load({ url: `${url}/healthz`, duration: 2 }); // warm-up
  reportLoad('healthz', await load({ url: `${url}/healthz` }));
  const fresh = { url, requests: [{ setupRequest: () => signedEvent(`evt_bench_${counter++}`) }] };
  await load({ ...fresh, duration: 2 }); // warm-up
  reportLoad('stripe_webhook.new_event', await load(fresh));
  const repeated = signedEvent('evt_bench_repeated');
  reportLoad('stripe_webhook.duplicate', await load({ url, requests: [{ setupRequest: () => repeated }] }));
} finally {
  await product.stop();
}
