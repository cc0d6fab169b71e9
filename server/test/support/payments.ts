import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { providerEvents } from '../../src/modules/inbox/tables';
import { signStripePayload } from '../../src/providers/payments/stripe/stripe-signature.util';
import { signUp, uniqueEmail } from './accounts';
import { createHttpClient } from './http-client';
import { linkTokenIn, waitForMail } from './mail';
import type { StripeDouble } from './stripe-double';
import type { TestApp } from './test-app';
import { waitFor } from './wait';

export const WEBHOOK_SECRET = 'whsec_test_payments';

/** The environment that points the real Stripe adapter at a loopback double. */
export function stripeEnv(double: StripeDouble): Record<string, string> {
  return {
    STRIPE_SECRET_KEY: 'sk_test_payments',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_URL: double.url,
  };
}

/** A Stripe event envelope around `object`. */
export function stripeEvent(type: string, object: Record<string, unknown>, id = `evt_${randomUUID()}`) {
  return { id, object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object } };
}

/** Posts an event to our webhook, signed as Stripe signs (or with another secret or time, to forge it). */
export async function postStripeEvent(
  t: TestApp,
  event: { id: string; [key: string]: unknown },
  options: { secret?: string; timestamp?: number; body?: string } = {},
) {
  const payload = JSON.stringify(event);
  const signature = signStripePayload(payload, options.secret ?? WEBHOOK_SECRET, options.timestamp);
  return t.app.inject({
    method: 'POST',
    url: '/api/webhooks/stripe',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    payload: options.body ?? payload,
  });
}

/** The stored event once its job has settled it (processed, ignored or failed). */
export async function settledEvent(t: TestApp, eventId: string, timeoutMs = 15_000) {
  return waitFor(async () => {
    const [row] = await t.db.select().from(providerEvents).where(eq(providerEvents.eventKey, eventId));
    return row && row.status !== 'pending' ? row : undefined;
  }, timeoutMs);
}

/** Posts an event and waits until it is applied. */
export async function deliver(t: TestApp, event: { id: string; [key: string]: unknown }) {
  const response = await postStripeEvent(t, event);
  if (response.statusCode !== 200)
    throw new Error(`webhook answered ${response.statusCode}: ${response.body}`);
  return settledEvent(t, event.id);
}

export function origin(t: TestApp) {
  return t.config.http.publicUrl;
}

/** A signed-in owner of a new individual or company account. */
export async function owner(t: TestApp, kind: 'individual' | 'company' = 'individual') {
  const client = createHttpClient(t.app, { origin: origin(t) });
  const domain = `pay-${randomUUID().slice(0, 8)}.test`;
  const email = uniqueEmail(domain, 'owner');
  const me = await signUp(client, {
    email,
    accountType: kind,
    ...(kind === 'company' ? { companyName: 'Initech' } : {}),
  });
  return { client, me, email, accountId: me.account.id as string, domain };
}

/** A seat of the company `company` belongs to, signed in through its invitation link. */
export async function seatOf(t: TestApp, company: Awaited<ReturnType<typeof owner>>) {
  const email = uniqueEmail(company.domain, 'seat');
  const invited = await company.client.post('/api/account/seats', { email });
  if (invited.statusCode !== 201) throw new Error(`invitation failed: ${invited.body}`);
  const token = linkTokenIn((await waitForMail(t.db, email, 'seat_invite')).textBody);
  const seat = createHttpClient(t.app, { origin: origin(t) });
  const signedIn = await seat.post('/api/auth/magic', { token });
  if (signedIn.statusCode !== 200) throw new Error(`seat sign-in failed: ${signedIn.body}`);
  return seat;
}
