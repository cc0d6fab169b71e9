import http from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, strongPassword, uniqueEmail } from '../test/support/accounts';
import { freePort } from '../test/support/free-port';
import { createHttpClient, type HttpClient } from '../test/support/http-client';
import { linkTokenIn, waitForMail } from '../test/support/mail';
import { owner } from '../test/support/payments';
import { createTestApp, type TestApp } from '../test/support/test-app';

/** Attacks found by probing a running instance, each reproduced and shown refused. */

function cookieHeader(client: HttpClient): string {
  return [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const craftedCursors = [
  base64url("2020-01-01T00:00:00Z|' OR 1=1--"),
  base64url('+275760-09-13T00:00:00.000Z|3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b'),
  base64url('0000-01-01T00:00:00.000Z|x'),
  base64url('2020-01-01T00:00:00.000Z|\u0000'),
  '%00',
];

describe('CSRF and per-route checks are decided by the matched route (finding 2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a cross-site request whatever the spelling of /api, and changes nothing', async () => {
    const victim = await owner(t);
    const forged = (method: 'PUT' | 'POST', url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: cookieHeader(victim.client), origin: 'https://evil.example' },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    for (const url of ['/api/account', '/%61pi/account', '/%61%70%69/account', '/api/%61ccount']) {
      const response = await forged('PUT', url, { name: 'Pwned' });
      expect([400, 403], `${url}: ${response.body}`).toContain(response.statusCode);
    }
    expect((await forged('PUT', '/%61pi/account', { name: 'Pwned' })).json().error.code).toBe('bad_request');
    expect((await forged('POST', '/%61pi/auth/password', { password: strongPassword })).statusCode).toBe(400);
    // A plain form (no token, no JSON) reaching sign-out, card setup or recovery through a matched route.
    for (const url of [
      '/api/auth/signout',
      '/api/wallet/payment-method/setup',
      '/api/wallet/auto-topup/recover',
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: {
          cookie: cookieHeader(victim.client),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: 'a=b',
      });
      expect(response.json().error.code, url).toBe('csrf_failed');
      const encoded = await t.app.inject({
        method: 'POST',
        url: url.replace('/api/', '/%61pi/'),
        headers: { cookie: cookieHeader(victim.client), 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'a=b',
      });
      expect(encoded.json().error.code, url).toBe('bad_request');
    }
    const me = await victim.client.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().account.name).not.toBe('Pwned');
  });

  it('answers an oddly encoded page path with 400 before anything is routed', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/%6De' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/%-codes/);
  });
});

describe('X-Forwarded-For is believed only from TRUST_PROXY (finding 3)', () => {
  async function wrongSignIns(t: TestApp, remoteAddress: string, count: number) {
    const statuses: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/signin',
        remoteAddress,
        headers: { 'x-forwarded-for': `203.0.113.${i}`, 'x-csrf-token': 'x', cookie: 'csrf=x' },
        payload: { email: uniqueEmail(), password: 'Wrong-password-1' },
      });
      statuses.push(response.statusCode);
    }
    return statuses;
  }

  it('by default trusts no proxy: rotating the header does not escape the per-IP limit', async () => {
    const t = await createTestApp();
    try {
      const statuses = await wrongSignIns(t, '198.51.100.7', 32);
      expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(30)).toEqual([429, 429]);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('takes the client address from a trusted proxy only', async () => {
    const t = await createTestApp({ env: { TRUST_PROXY: '10.0.0.0/8' } });
    try {
      // Through the proxy, each client has its own budget.
      expect((await wrongSignIns(t, '10.1.2.3', 32)).every((status) => status === 401)).toBe(true);
      // Straight from the internet, the same header is ignored.
      expect((await wrongSignIns(t, '198.51.100.8', 32)).slice(30)).toEqual([429, 429]);
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe('no tokens in the logs (finding 6)', () => {
  let t: TestApp;
  let publicUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    t = await createTestApp({ work: true, captureLogs: true, env: { PUBLIC_URL: publicUrl } });
    await t.app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs a sign-in link, a reset link and a checkout without the tokens they carry', async () => {
    const email = uniqueEmail();
    await signUp(createHttpClient(t.app), { email });
    const browser = createHttpClient(t.app, { origin: publicUrl });

    const startedAt = new Date();
    expect((await browser.post('/api/auth/email', { email })).statusCode).toBe(202);
    const magic = linkTokenIn((await waitForMail(t.db, email, 'magic_link', { after: startedAt })).textBody);
    await browser.get(`/magic/${magic}`);
    expect((await browser.post('/api/auth/magic', { token: magic })).statusCode).toBe(200);

    const resetAt = new Date();
    await browser.post('/api/auth/password/forgot', { email });
    const reset = linkTokenIn((await waitForMail(t.db, email, undefined, { after: resetAt })).textBody);
    await browser.get(`/reset/${reset}?from=mail`);
    await browser.post('/api/auth/password/reset', { token: reset, password: `${strongPassword} again` });

    const topup = await browser.post('/api/wallet/topups', { amountCents: 1000 });
    expect(topup.statusCode).toBe(201);
    const session = String(topup.json().checkoutUrl).split('/').at(-1) ?? '';
    await browser.get(`/sandbox/checkout/${session}`);
    await browser.get(`/api/sandbox/checkout?session=${session}`);
    await browser.post('/api/sandbox/checkout/pay', { session, card: '4242 4242 4242 4242' });

    // A failed query's values stay out of the log as well.
    const secret = 'secret-parameter-value-7d1f';
    const failure = await t.db.execute(sql`select ${secret}::int`).catch((error: unknown) => error);
    t.app.log.error({ err: failure }, 'query failed');

    const logged = JSON.stringify(t.logs);
    expect(logged).toContain('/magic/[redacted]');
    expect(logged).toContain('/sandbox/checkout/[redacted]');
    expect(logged).toContain('/api/sandbox/checkout/pay');
    expect(logged).toContain('query failed');
    for (const token of [magic, reset, session, secret]) expect(logged).not.toContain(token);
  }, 60_000);
});

describe('anonymous callers cannot make the server read a big body (finding 7)', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    t = await createTestApp();
    await t.app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Announces 12 MiB, sends 64 KiB, and waits for the answer that must come without the rest. */
  function announceBigUpload(path: string, cookie: string, csrf: string) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request({
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: {
          'content-type': 'text/csv',
          'content-length': String(12 * 1024 * 1024),
          cookie,
          'x-csrf-token': csrf,
        },
      });
      request.on('response', (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body });
          request.destroy();
        });
      });
      request.on('error', reject);
      request.write(Buffer.alloc(64 * 1024, 'a'));
    });
  }

  it('answers 401 to an anonymous caller and 403 to a non-admin before reading the CSV', async () => {
    const csrf = (await t.app.inject('/api/auth/csrf')).json().token as string;
    const anonymous = await announceBigUpload('/api/admin/rates/csv', `csrf=${csrf}`, csrf);
    expect(anonymous.status).toBe(401);
    const user = await owner(t);
    await user.client.post('/api/auth/csrf');
    const token = (await user.client.get('/api/auth/csrf')).json().token as string;
    const refused = await announceBigUpload('/api/admin/rates/csv/preview', cookieHeader(user.client), token);
    expect(refused.status).toBe(403);
  });

  it('keeps the 1 MiB limit on every route that does not need more', async () => {
    const user = await owner(t);
    const response = await user.client.put('/api/account', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(response.statusCode).toBe(413);
  });
});

describe('odd input answers 4xx with a clear message, never 500 (finding 8)', () => {
  let t: TestApp;
  let admin: HttpClient;
  let company: Awaited<ReturnType<typeof owner>>;
  beforeAll(async () => {
    const adminEmail = uniqueEmail('mobayilo.test', 'admin');
    t = await createTestApp({ env: { ADMIN_EMAILS: adminEmail } });
    admin = createHttpClient(t.app, { origin: t.config.http.publicUrl });
    await signUp(admin, { email: adminEmail });
    company = await owner(t, 'company');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses NUL characters in text fields with 422', async () => {
    const answers = [
      await company.client.put('/api/account', { name: 'a\u0000b' }),
      await createHttpClient(t.app).post('/api/auth/signup', {
        email: uniqueEmail(),
        password: strongPassword,
        accountType: 'company',
        companyName: 'Acme\u0000',
      }),
      await admin.post(`/api/admin/accounts/${company.accountId}/adjustments`, {
        amountCents: 100,
        reason: 'goodwill\u0000',
        idempotencyKey: 'key\u0000-12345678',
      }),
      await admin.get('/api/admin/accounts?q=%00'),
    ];
    for (const response of answers) {
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().error.message).toMatch(/^Text cannot contain NUL/);
    }
  });

  it('refuses crafted cursors on the lists the probe found', async () => {
    for (const [client, path] of [
      [company.client, '/api/calls'],
      [company.client, '/api/wallet/topups'],
      [admin, '/api/admin/accounts'],
      [admin, '/api/admin/payments/owed'],
    ] as const) {
      for (const cursor of craftedCursors) {
        const response = await client.get(`${path}?cursor=${cursor}`);
        expect(response.statusCode, `${path} ${cursor}: ${response.body}`).toBe(422);
        expect(response.json().error.message).toMatch(/cursor|NUL/);
      }
    }
  });

  it('fuzzes every list route with NUL bytes and crafted cursors, and every body with a NUL', async () => {
    const document = (await t.app.inject('/api/openapi.json')).json() as {
      paths: Record<
        string,
        Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>
      >;
    };
    const failures: string[] = [];
    let lists = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      if (path.includes('{')) continue;
      const client = path.startsWith('/api/admin/') ? admin : company.client;
      for (const [method, operation] of Object.entries(methods)) {
        const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
        if (method === 'get' && query.length > 0) {
          lists += query.some((parameter) => parameter.name === 'cursor') ? 1 : 0;
          for (const parameter of query) {
            const values =
              parameter.name === 'cursor' ? craftedCursors : ['%00', 'a%00b', encodeURIComponent('\u0000')];
            for (const value of values) {
              const response = await client.get(`${path}?${parameter.name}=${value}`);
              if (response.statusCode >= 500 || response.statusCode < 400)
                failures.push(`GET ${path}?${parameter.name}=${value}: ${response.statusCode}`);
            }
          }
        }
        if (method !== 'get' && operation.requestBody !== undefined && !path.startsWith('/api/webhooks/')) {
          const response = await client[method as 'post' | 'put' | 'patch']?.(path, { text: 'a\u0000b' });
          // 401 and 403: refused before the body is looked at (a bearer token or a role the caller lacks).
          if (response && ![401, 403, 422].includes(response.statusCode))
            failures.push(`${method.toUpperCase()} ${path}: ${response.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(lists).toBeGreaterThanOrEqual(5);
  }, 60_000);
});

describe('/metrics in production (finding 11)', () => {
  it('answers only with the METRICS_TOKEN bearer token, and not at all without one', async () => {
    const token = 'metrics-token-0123456789abcdef-0123';
    const t = await createTestApp({ env: { METRICS_TOKEN: token } });
    const closed = await createTestApp({ env: { NODE_ENV: 'production' } });
    try {
      expect((await t.app.inject('/metrics')).statusCode).toBe(401);
      const wrong = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}x` } });
      expect(wrong.statusCode).toBe(401);
      const right = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(right.statusCode).toBe(200);
      expect(right.body).toContain('http_requests_total');
      expect((await closed.app.inject('/metrics')).statusCode).toBe(404);
    } finally {
      await t.close();
      await closed.close();
    }
  });
});
