import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the double received: method, path, the form body as flat keys (`metadata[topupId]`), headers. */
export type SeenRequest = {
  method: string;
  path: string;
  form: Record<string, string>;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
};

/**
 * Test cards by payment method id, after Stripe's test tokens: `pm_card_visa` pays, `pm_card_declined` is
 * declined, `pm_card_auth` needs its cardholder (off-session: `authentication_required`).
 */
export const DOUBLE_CARDS: Record<
  string,
  { last4: string; outcome: 'succeed' | 'decline' | 'authenticate' }
> = {
  pm_card_visa: { last4: '4242', outcome: 'succeed' },
  pm_card_declined: { last4: '0002', outcome: 'decline' },
  pm_card_auth: { last4: '3184', outcome: 'authenticate' },
};

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

function paymentIntentFor(id: string, form: Record<string, string>, status: string) {
  const metadata = Object.fromEntries(
    Object.entries(form)
      .filter(([key]) => key.startsWith('metadata['))
      .map(([key, value]) => [key.slice('metadata['.length, -1), value]),
  );
  const amount = Number(form.amount);
  return {
    id,
    object: 'payment_intent',
    amount,
    amount_received: status === 'succeeded' ? amount : 0,
    currency: form.currency,
    customer: form.customer,
    payment_method: form.payment_method,
    status,
    metadata,
  };
}

/**
 * A loopback stand-in for api.stripe.com, enough for the adapter: customers, Checkout sessions, off-session
 * PaymentIntents (replaying the first answer for a repeated idempotency key, as Stripe does), and reads of
 * payment methods and intents. It records every request for assertions.
 */
export async function startStripeDouble() {
  const seen: SeenRequest[] = [];
  const answered = new Map<string, { status: number; body: unknown }>();
  let counter = 0;
  let delayMs = 0;
  const intents = new Map<string, { payment_method?: string; metadata?: Record<string, string> }>();

  async function answer(request: IncomingMessage, form: Record<string, string>) {
    const path = (request.url ?? '').split('?')[0] ?? '';
    counter += 1;
    if (request.method === 'POST' && path === '/v1/customers')
      return { status: 200, body: { id: `cus_double_${counter}`, object: 'customer', email: form.email } };
    if (request.method === 'POST' && path === '/v1/checkout/sessions') {
      const id = `cs_double_${counter}`;
      return {
        status: 200,
        body: { id, object: 'checkout.session', mode: form.mode, url: `https://checkout.double/${id}` },
      };
    }
    if (request.method === 'POST' && path === '/v1/payment_intents') {
      const card = DOUBLE_CARDS[form.payment_method ?? ''];
      const id = `pi_double_${counter}`;
      if (card?.outcome === 'succeed') return { status: 200, body: paymentIntentFor(id, form, 'succeeded') };
      const code = card?.outcome === 'authenticate' ? 'authentication_required' : 'card_declined';
      return {
        status: 402,
        body: {
          error: {
            type: 'card_error',
            code,
            decline_code: card?.outcome === 'authenticate' ? 'authentication_required' : 'generic_decline',
            message:
              code === 'card_declined' ? 'Your card was declined.' : 'This payment requires authentication.',
            payment_intent: paymentIntentFor(id, form, 'requires_payment_method'),
          },
        },
      };
    }
    const retrieve = /^\/v1\/(payment_methods|payment_intents|setup_intents)\/([^/]+)(\/detach)?$/.exec(path);
    if (retrieve?.[1] === 'payment_methods') {
      const id = retrieve[2] ?? '';
      const card = DOUBLE_CARDS[id];
      if (!card)
        return {
          status: 404,
          body: { error: { type: 'invalid_request_error', message: 'No such PaymentMethod' } },
        };
      return {
        status: 200,
        body: {
          id,
          object: 'payment_method',
          type: 'card',
          card: { brand: 'visa', last4: card.last4, exp_month: 12, exp_year: 2031 },
        },
      };
    }
    if (retrieve) {
      // An intent was paid by the test card its id names (pi_for_pm_card_auth), else by pm_card_visa.
      const id = retrieve[2] ?? '';
      const object = retrieve[1] === 'payment_intents' ? 'payment_intent' : 'setup_intent';
      const card = Object.keys(DOUBLE_CARDS).find((name) => id.endsWith(name)) ?? 'pm_card_visa';
      return { status: 200, body: { id, object, payment_method: card, metadata: {}, ...intents.get(id) } };
    }
    return { status: 404, body: { error: { type: 'invalid_request_error', message: `No route ${path}` } } };
  }

  const server: Server = createServer(async (request, response) => {
    const form = await readForm(request);
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    seen.push({
      method: request.method ?? '',
      path: request.url ?? '',
      form,
      idempotencyKey,
      authorization: request.headers.authorization,
    });
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const cacheKey = idempotencyKey ? `${request.method} ${request.url} ${idempotencyKey}` : undefined;
    const result = (cacheKey && answered.get(cacheKey)) || (await answer(request, form));
    if (cacheKey) answered.set(cacheKey, result);
    response.writeHead(result.status, { 'content-type': 'application/json', 'request-id': `req_${counter}` });
    response.end(JSON.stringify(result.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    /** Requests to one path and method. */
    requests: (method: string, path: string) => seen.filter((r) => r.method === method && r.path === path),
    /** What the double answers for a PaymentIntent it did not create itself (one paid through Checkout). */
    knowIntent(id: string, intent: { payment_method?: string; metadata?: Record<string, string> }) {
      intents.set(id, intent);
    },
    /** Answer every request this much later (to let concurrent callers overlap). */
    setDelay(ms: number) {
      delayMs = ms;
    },
    /** PaymentIntents the double actually created: one per distinct idempotency key. */
    createdPaymentIntents: () =>
      new Set(seen.filter((r) => r.path === '/v1/payment_intents').map((r) => r.idempotencyKey)).size,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type StripeDouble = Awaited<ReturnType<typeof startStripeDouble>>;
