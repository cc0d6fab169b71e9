import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../test/support/accounts';
import { createHttpClient, type HttpClient } from '../test/support/http-client';
import { owner, seatOf } from '../test/support/payments';
import { createTestApp, type TestApp } from '../test/support/test-app';

/**
 * Every operation in the OpenAPI document, called by each kind of caller with input no route accepts
 * (an empty body, no query), must answer who-may-call before what-was-sent: anonymous 401, a wrong role 403,
 * and only a caller allowed in ever sees 422.
 */

type Caller = 'anonymous' | 'user' | 'seat' | 'companyOwner' | 'admin';
type Access =
  /** Any signed-in member of an account, seats included. */
  | 'member'
  /** Owners and admins of the account; not seats. */
  | 'manager'
  /** Owners and admins of a company account. */
  | 'companyManager'
  /** Platform admins (every /api/admin route). */
  | 'platformAdmin'
  /** A bearer token other than the session; no caller here has one. */
  | 'bearer'
  | { open: string }
  | { signed: string };

const publicRoutes: Record<string, string> = {
  'GET /api/auth/csrf': 'hands out the CSRF token a browser needs before anything else',
  'GET /api/status': 'which providers run, shown on the landing page',
  'GET /api/dev/mail': 'the local outbox, registered only outside production',
  'POST /api/auth/signup': 'creates the account',
  'POST /api/auth/signin': 'signs in with a password',
  'POST /api/auth/signout': 'ends the session there is, if any',
  'POST /api/auth/email': 'sends a sign-in link to the address typed',
  'POST /api/auth/magic': 'the emailed token is the credential',
  'POST /api/auth/magic/resend': 'answers alike for every address',
  'POST /api/auth/password/forgot': 'answers alike for every address',
  'POST /api/auth/password/reset': 'the emailed token is the credential',
  'POST /api/subscribe': 'the marketing site’s early-access form, for people without an account',
  'GET /api/rates': 'the public price list',
  'GET /api/rates/{iso}': 'the public price list',
  'GET /api/sandbox/checkout': 'the Checkout session id is the credential, as on Stripe’s hosted page',
  'POST /api/sandbox/checkout/pay': 'the Checkout session id is the credential',
  'POST /api/sandbox/checkout/cancel': 'the Checkout session id is the credential',
};

const signedRoutes: Record<string, string> = {
  'POST /api/webhooks/stripe': 'Stripe-Signature',
  'POST /api/webhooks/twilio/voice': 'X-Twilio-Signature',
  'POST /api/webhooks/twilio/status': 'X-Twilio-Signature',
  'POST /api/webhooks/twilio/dial-action': 'X-Twilio-Signature',
};

/** Authenticated by the call access token as a bearer token, like Twilio's signalling: 401 without it. */
const bearerRoutes = [
  'POST /api/sandbox/calls',
  'GET /api/sandbox/calls/{callSid}',
  'POST /api/sandbox/calls/{callSid}/hangup',
  'POST /api/sandbox/calls/{callSid}/digits',
];

const memberRoutes = [
  'POST /api/auth/password',
  'POST /api/auth/confirm/resend',
  'GET /api/auth/sessions',
  'DELETE /api/auth/sessions/{id}',
  'GET /api/me',
  'GET /api/wallet',
  'GET /api/calls/token',
  'GET /api/calls/quote',
  'GET /api/calls',
  'GET /api/calls/recent',
  'POST /api/calls/{id}/hangup',
];

const companyManagerRoutes = ['GET /api/wallet/usage'];

const managerRoutes = [
  'GET /api/account/members',
  'POST /api/account/seats',
  'PATCH /api/account/members/{id}',
  'DELETE /api/account/members/{id}',
  'PUT /api/account/domains',
  'PUT /api/account',
  'GET /api/wallet/transactions',
  'GET /api/wallet/statement.csv',
  'POST /api/wallet/topups',
  'GET /api/wallet/topups',
  'GET /api/wallet/topups/{id}',
  'GET /api/wallet/payment-method',
  'DELETE /api/wallet/payment-method',
  'POST /api/wallet/payment-method/setup',
  'GET /api/wallet/auto-topup',
  'PUT /api/wallet/auto-topup',
  'POST /api/wallet/auto-topup/recover',
];

function accessOf(route: string): Access | undefined {
  if (publicRoutes[route]) return { open: publicRoutes[route] };
  if (signedRoutes[route]) return { signed: signedRoutes[route] };
  if (bearerRoutes.includes(route)) return 'bearer';
  if (route.split(' ')[1]?.startsWith('/api/admin/')) return 'platformAdmin';
  if (memberRoutes.includes(route)) return 'member';
  if (managerRoutes.includes(route)) return 'manager';
  if (companyManagerRoutes.includes(route)) return 'companyManager';
  return undefined;
}

/** Who a route lets in, by caller: true means "not refused with 401 or 403". */
function allowed(access: Access, caller: Caller): boolean {
  if (access === 'bearer') return false;
  if (access === 'platformAdmin') return caller === 'admin';
  if (access === 'companyManager') return caller === 'companyOwner';
  if (access === 'manager') return caller !== 'anonymous' && caller !== 'seat';
  return caller !== 'anonymous';
}

const exampleParams: Record<string, () => string> = {
  id: () => randomUUID(),
  iso: () => 'ZZ',
  callSid: () => `CA${randomUUID().replaceAll('-', '')}`,
};

/** Walked last: it ends the caller's session. */
const sessionEnding = 'POST /api/auth/signout';

let t: TestApp;
let callers: Record<Caller, HttpClient>;
let operations: { route: string; method: string; path: string; hasBody: boolean }[];

beforeAll(async () => {
  const adminEmail = uniqueEmail('mobayilo.test', 'admin');
  t = await createTestApp({ work: true, env: { ADMIN_EMAILS: adminEmail } });
  const origin = { origin: t.config.http.publicUrl };
  const user = await owner(t, 'individual');
  const company = await owner(t, 'company');
  const admin = createHttpClient(t.app, origin);
  await signUp(admin, { email: adminEmail });
  callers = {
    anonymous: createHttpClient(t.app, origin),
    user: user.client,
    seat: await seatOf(t, company),
    companyOwner: company.client,
    admin,
  };
  const document = (await t.app.inject('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
  };
  operations = Object.entries(document.paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        hasBody: operation.requestBody !== undefined,
      })),
    )
    .sort((a, b) => Number(a.route === sessionEnding) - Number(b.route === sessionEnding));
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the route matrix', () => {
  it('knows who may call every route in the OpenAPI document', () => {
    const unclassified = operations.map((op) => op.route).filter((route) => !accessOf(route));
    expect(unclassified, 'classify each new route in route-matrix.integration.test.ts').toEqual([]);
    expect(operations.length).toBeGreaterThan(50);
  });

  it('answers 401 or 403 before 422 to every caller a route does not let in, and never a 500', async () => {
    const answers: string[] = [];
    const wrong: string[] = [];
    for (const { route, method, path, hasBody } of operations) {
      const access = accessOf(route);
      if (!access) continue;
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => (exampleParams[name] ?? randomUUID)());
      for (const caller of Object.keys(callers) as Caller[]) {
        const client = callers[caller];
        const response =
          method === 'GET'
            ? await client.get(url)
            : method === 'DELETE'
              ? await client.delete(url)
              : await client[method.toLowerCase() as 'post' | 'put' | 'patch'](url, hasBody ? {} : undefined);
        const status = response.statusCode;
        answers.push(`${route} ${caller} ${status}`);
        const refused = status === 401 || status === 403;
        let ok: boolean;
        if (typeof access === 'object' && 'open' in access) ok = status < 500 && status !== 401;
        else if (typeof access === 'object') ok = status >= 400 && status < 500;
        else if (allowed(access, caller)) ok = status < 500 && !refused;
        else ok = status === (caller === 'anonymous' || access === 'bearer' ? 401 : 403);
        if (!ok) wrong.push(`${route} as ${caller}: ${status} ${response.body.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    // Input no route accepts did reach validation for the callers let in: the walk tested the order.
    expect(answers.filter((line) => line.endsWith(' 422')).length).toBeGreaterThan(10);
  }, 120_000);
});
