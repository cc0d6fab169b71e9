import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../../../test/support/accounts';
import { createHttpClient } from '../../../test/support/http-client';
import { linkTokenIn, waitForMail } from '../../../test/support/mail';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { users } from '../identity/tables';
import { subscribers } from './tables';

const marketingSite = 'https://mobayilo.com';

/** A POST over its own TCP connection (no keep-alive pool), so that parallel calls really run side by side. */
function postOnNewConnection(port: number, path: string, body: unknown) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

describe('POST /api/subscribe', () => {
  let t: TestApp;
  let ipCounter = 0;
  /** Each test its own address, so that the per-IP limit of one never trips another. */
  const freshIp = () => `203.0.113.${++ipCounter}`;

  const subscribe = (body: unknown, headers: Record<string, string> = {}, ip = freshIp()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/subscribe',
      remoteAddress: ip,
      headers: { origin: marketingSite, ...headers },
      payload: body as Record<string, unknown>,
    });

  async function rowsFor(email: string) {
    return t.db.select().from(subscribers).where(sql`lower(${subscribers.email}) = ${email.toLowerCase()}`);
  }

  beforeAll(async () => {
    t = await createTestApp({ work: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('adds a new address as waiting (201) and answers a known one, in any case, with its status (200)', async () => {
    const email = uniqueEmail('example.com', 'Early.Bird');
    const first = await subscribe({ email, source: 'homepage' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ status: 'waiting' });

    const again = await subscribe({ email: email.toUpperCase(), source: 'pricing' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ status: 'waiting' });

    const rows = await rowsFor(email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: email.toLowerCase(), status: 'waiting', source: 'homepage' });
    expect(rows[0]?.invitedAt).toBeNull();
    expect(rows[0]?.joinedAt).toBeNull();
  });

  it('labels an address without a source as coming from the website', async () => {
    const email = uniqueEmail();
    expect((await subscribe({ email })).statusCode).toBe(201);
    expect((await rowsFor(email))[0]?.source).toBe('website');
  });

  it('makes one row of concurrent submissions of one address in different cases', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const email = uniqueEmail('example.com', 'racer');
    const variants = [
      email,
      email.toUpperCase(),
      email.replace(/^r/, 'R'),
      ` ${email} `,
      email.replace('@example', '@EXAMPLE'),
      email.toUpperCase(),
      email,
      email.replace(/^ra/, 'rA'),
    ];
    const answers = await Promise.all(
      variants.map((variant) => postOnNewConnection(port, '/api/subscribe', { email: variant })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    for (const answer of answers) expect(JSON.parse(answer.body)).toEqual({ status: 'waiting' });
    expect(await rowsFor(email)).toHaveLength(1);
  });

  it('refuses a malformed address with a readable 422 and writes nothing', async () => {
    const response = await subscribe({ email: 'not-an-email' });
    expect(response.statusCode).toBe(422);
    const { error } = response.json();
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/email/i);
    expect(error.message).not.toMatch(/body\./);
    expect((await subscribe({})).statusCode).toBe(422);
    expect((await subscribe({ email: uniqueEmail(), source: 'x'.repeat(41) })).statusCode).toBe(422);
    const [{ count } = { count: -1 }] = await t.db
      .select({ count: sql<number>`count(*)::int` })
      .from(subscribers)
      .where(eq(subscribers.email, 'not-an-email'));
    expect(count).toBe(0);
  });

  it('limits sign-ups per IP address (429 with a retry time), not per address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i += 1) {
      expect((await subscribe({ email: uniqueEmail() }, {}, ip)).statusCode).toBe(201);
    }
    const limited = await subscribe({ email: uniqueEmail() }, {}, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The marketing site can read the refusal.
    expect(limited.headers['access-control-allow-origin']).toBe(marketingSite);
    expect((await subscribe({ email: uniqueEmail() }, {}, freshIp())).statusCode).toBe(201);
  });

  describe('CORS', () => {
    it("echoes an allowed origin, on answers and refusals alike, and never grants '*'", async () => {
      for (const origin of ['https://mobayilo.com', 'https://www.mobayilo.com']) {
        const response = await subscribe({ email: uniqueEmail() }, { origin });
        expect(response.statusCode).toBe(201);
        expect(response.headers['access-control-allow-origin']).toBe(origin);
        expect(response.headers.vary).toMatch(/origin/i);
      }
      const invalid = await subscribe({ email: 'nope' }, { origin: 'https://www.mobayilo.com' });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.headers['access-control-allow-origin']).toBe('https://www.mobayilo.com');
    });

    it('gives other origins no CORS headers', async () => {
      for (const origin of [
        'https://evil.example',
        'http://mobayilo.com',
        'https://mobayilo.com.evil.example',
      ]) {
        const response = await subscribe({ email: uniqueEmail() }, { origin });
        expect(response.headers['access-control-allow-origin']).toBeUndefined();
        expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      }
    });

    it('answers the preflight of an allowed origin with POST and content-type, and of others with nothing', async () => {
      const preflight = (origin: string) =>
        t.app.inject({
          method: 'OPTIONS',
          url: '/api/subscribe',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
      const allowed = await preflight(marketingSite);
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe(marketingSite);
      expect(allowed.headers['access-control-allow-methods']).toBe('POST');
      expect(allowed.headers['access-control-allow-headers']).toBe('content-type');

      const refused = await preflight('https://evil.example');
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      expect(refused.headers['access-control-allow-methods']).toBeUndefined();
    });

    it('is granted by no other route', async () => {
      const status = await t.app.inject({
        method: 'GET',
        url: '/api/status',
        headers: { origin: marketingSite },
      });
      expect(status.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/auth/email',
        headers: { origin: marketingSite, 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('CSRF', () => {
    it('needs no token nor session, from the marketing site or from no site at all', async () => {
      expect((await subscribe({ email: uniqueEmail() })).statusCode).toBe(201);
      const bare = await t.app.inject({
        method: 'POST',
        url: '/api/subscribe',
        remoteAddress: freshIp(),
        payload: { email: uniqueEmail() },
      });
      expect(bare.statusCode).toBe(201);
    });

    it('is still required by every other state-changing route, even from the marketing site', async () => {
      for (const url of ['/api/auth/email', '/api/auth/signup', '/api/admin/subscribers/invite']) {
        const response = await t.app.inject({
          method: 'POST',
          url,
          headers: { origin: marketingSite },
          payload: { email: uniqueEmail() },
        });
        expect(response.statusCode, url).toBe(403);
        expect(response.json().error.code, url).toBe('csrf_failed');
      }
    });
  });

  describe('with the beta gate off', () => {
    it('lets anyone sign up and sign in, and waitlists nobody', async () => {
      const email = uniqueEmail();
      const me = await signUp(createHttpClient(t.app, { origin: 'http://localhost:3000' }), { email });
      expect(me.user.email).toBe(email);

      const newcomer = uniqueEmail();
      const entry = await createHttpClient(t.app, { origin: 'http://localhost:3000' }).post(
        '/api/auth/email',
        {
          email: newcomer,
        },
      );
      expect(entry.statusCode).toBe(202);
      const link = await waitForMail(t.db, newcomer, 'magic_link');
      const follow = await createHttpClient(t.app, { origin: 'http://localhost:3000' }).post(
        '/api/auth/magic',
        {
          token: linkTokenIn(link.textBody),
        },
      );
      expect(follow.statusCode).toBe(200);
      expect(await t.db.select().from(users).where(eq(users.email, newcomer))).toHaveLength(1);
      expect(await rowsFor(email)).toHaveLength(0);
      expect(await rowsFor(newcomer)).toHaveLength(0);
    });

    it('tells the web app that the gate is off', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/status' });
      expect(response.json().betaGate).toBe(false);
    });
  });
});
