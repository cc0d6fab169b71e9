import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, strongPassword, uniqueEmail } from '../../../test/support/accounts';
import { createHttpClient } from '../../../test/support/http-client';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { accountDomains, memberships, users } from './tables';

describe('password sign-up and sign-in', () => {
  let t: TestApp;
  const origin = 'http://localhost:3000';
  const client = () => createHttpClient(t.app, { origin });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('signs up an individual, signs out, and signs back in', async () => {
    const browser = client();
    const email = uniqueEmail();
    const me = await signUp(browser, { email: email.toUpperCase(), confirm: false });
    expect(me).toMatchObject({
      user: { email, role: 'user', hasPassword: true, confirmed: false },
      account: { kind: 'individual' },
      membership: { role: 'owner' },
      sandbox: true,
    });
    expect((await browser.get('/api/me')).json().user.email).toBe(email);

    expect((await browser.post('/api/auth/signout')).statusCode).toBe(204);
    expect((await browser.get('/api/me')).statusCode).toBe(401);

    const signIn = await browser.post('/api/auth/signin', { email, password: strongPassword });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().account.id).toBe(me.account.id);
    const [user] = await t.db.select().from(users).where(eq(users.email, email));
    expect(user?.signInCount).toBe(2);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('creates a company with its founder as owner and the founder’s domain allowlisted', async () => {
    const domain = `acme-${Date.now()}.test`;
    const me = await signUp(client(), {
      email: uniqueEmail(domain, 'founder'),
      accountType: 'company',
      companyName: 'Acme',
    });
    expect(me.account).toMatchObject({ kind: 'company', name: 'Acme' });
    expect(me.membership.role).toBe('owner');
    const domains = await t.db
      .select()
      .from(accountDomains)
      .where(eq(accountDomains.accountId, me.account.id));
    expect(domains.map((d) => d.domain)).toEqual([domain]);
  });

  it('never allowlists public webmail for a company', async () => {
    const me = await signUp(client(), {
      email: uniqueEmail('gmail.com'),
      accountType: 'company',
      companyName: 'Solo Ltd',
    });
    const domains = await t.db
      .select()
      .from(accountDomains)
      .where(eq(accountDomains.accountId, me.account.id));
    expect(domains).toEqual([]);
  });

  it('lets no unconfirmed company sign-up hold its domain against the real company', async () => {
    const domain = `squat-${Date.now()}.test`;
    const squatter = client();
    const fake = await signUp(squatter, {
      email: uniqueEmail(domain, 'fake-ceo'),
      accountType: 'company',
      companyName: 'Fake Acme',
      confirm: false,
    });
    expect(
      await t.db.select().from(accountDomains).where(eq(accountDomains.accountId, fake.account.id)),
    ).toEqual([]);
    const claim = await squatter.put('/api/account/domains', { domains: [domain] });
    expect(claim.statusCode).toBe(403);
    expect(claim.json().error.code).toBe('email_not_confirmed');

    const real = await signUp(client(), {
      email: uniqueEmail(domain, 'real-ceo'),
      accountType: 'company',
      companyName: 'Acme',
    });
    const held = await t.db.select().from(accountDomains).where(eq(accountDomains.domain, domain));
    expect(held.map((row) => row.accountId)).toEqual([real.account.id]);
  });

  it('answers validation errors with 422 and the fields to fix', async () => {
    const response = await client().post('/api/auth/signup', {
      email: 'not-an-email',
      password: 'short',
      accountType: 'company',
    });
    expect(response.statusCode).toBe(422);
    const paths = response
      .json()
      .error.details.fields.map((f: { path: string }) => f.path)
      .sort();
    expect(paths).toEqual(['body.companyName', 'body.email', 'body.password']);
  });

  it('refuses common passwords and passwords containing the address', async () => {
    const common = await client().post('/api/auth/signup', {
      email: uniqueEmail(),
      password: 'password123',
      accountType: 'individual',
    });
    expect(common.statusCode).toBe(422);
    expect(common.json().error).toMatchObject({
      code: 'weak_password',
      details: { fields: [{ path: 'body.password' }] },
    });
    const email = uniqueEmail('example.com', 'margaret');
    const own = await client().post('/api/auth/signup', {
      email,
      password: `${email.split('@')[0]}-2026!`,
      accountType: 'individual',
    });
    expect(own.json().error.code).toBe('weak_password');
  });

  it('refuses a second sign-up with the same address in any letter case', async () => {
    const email = uniqueEmail();
    await signUp(client(), { email });
    const again = await client().post('/api/auth/signup', {
      email: email.toUpperCase(),
      password: strongPassword,
      accountType: 'individual',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('email_taken');
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });

  it('fails a wrong password and an unknown address the same way', async () => {
    const email = uniqueEmail();
    await signUp(client(), { email });
    const wrong = await client().post('/api/auth/signin', { email, password: 'not the password at all' });
    const unknown = await client().post('/api/auth/signin', {
      email: uniqueEmail(),
      password: 'not the password at all',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe(unknown.json().error.code);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('takes about as long for an unknown address as for a wrong password', async () => {
    const email = uniqueEmail();
    await signUp(client(), { email });
    const unknownEmail = uniqueEmail();
    let attempt = 0;
    const time = async (address: string) => {
      attempt += 1;
      const started = performance.now();
      await createHttpClient(t.app, { origin, ip: `10.9.${attempt}.1` }).post('/api/auth/signin', {
        email: address,
        password: `wrong password ${attempt}`,
      });
      return performance.now() - started;
    };
    await time(email);
    await time(unknownEmail); // warm-up: the decoy hash is made on first use
    // Interleaved, so that whatever else the machine is doing weighs on both sides alike.
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      knownTimes.push(await time(email));
      unknownTimes.push(await time(unknownEmail));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const known = median(knownTimes);
    const unknown = median(unknownTimes);
    // Without the decoy hash, an unknown address answers an order of magnitude faster.
    expect(unknown / known).toBeGreaterThan(0.6);
  });

  it('does not let a seat sign in with a password', async () => {
    const domain = `seatco-${Date.now()}.test`;
    const owner = client();
    await signUp(owner, { email: uniqueEmail(domain), accountType: 'company', companyName: 'SeatCo' });
    const seatEmail = uniqueEmail(domain, 'seat');
    const invited = await owner.post('/api/account/seats', { email: seatEmail });
    expect(invited.statusCode).toBe(201);
    const response = await client().post('/api/auth/signin', { email: seatEmail, password: strongPassword });
    expect(response.statusCode).toBe(401);
  });

  it('rate-limits password attempts per address with 429 and Retry-After', async () => {
    const email = uniqueEmail();
    await signUp(client(), { email });
    let last = await client().post('/api/auth/signin', { email, password: 'wrong password 0' });
    for (let i = 1; i <= 10 && last.statusCode !== 429; i += 1) {
      last = await createHttpClient(t.app, { origin, ip: `10.1.0.${i}` }).post('/api/auth/signin', {
        email,
        password: `wrong password ${i}`,
      });
    }
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('rate_limited');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password waits until the window passes.
    const right = await client().post('/api/auth/signin', { email, password: strongPassword });
    expect(right.statusCode).toBe(429);
  });

  it('rejects state-changing requests without the CSRF token or from another origin', async () => {
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signin',
      payload: { email: uniqueEmail(), password: strongPassword },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_failed');

    const foreign = createHttpClient(t.app, { origin: 'https://evil.example' });
    const response = await foreign.post('/api/auth/email', { email: uniqueEmail() });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');

    const csrf = await t.app.inject({ method: 'GET', url: '/api/auth/csrf' });
    const token = csrf.json().token as string;
    const cookie = `csrf=${token}`;
    const mismatched = await t.app.inject({
      method: 'POST',
      url: '/api/auth/email',
      headers: { cookie, 'x-csrf-token': `${token.slice(0, -1)}x` },
      payload: { email: uniqueEmail() },
    });
    expect(mismatched.statusCode).toBe(403);
    const matching = await t.app.inject({
      method: 'POST',
      url: '/api/auth/email',
      headers: { cookie, 'x-csrf-token': token },
      payload: { email: uniqueEmail() },
    });
    expect(matching.statusCode).toBe(202);
  });

  it('lists sessions and revokes one, which signs that browser out', async () => {
    const email = uniqueEmail();
    const phone = client();
    await signUp(phone, { email });
    const laptop = client();
    await laptop.post('/api/auth/signin', { email, password: strongPassword });

    const list = (await phone.get('/api/auth/sessions')).json().items as { id: string; current: boolean }[];
    expect(list).toHaveLength(2);
    const other = list.find((session) => !session.current);
    expect(other).toBeDefined();
    expect((await phone.delete(`/api/auth/sessions/${other?.id}`)).statusCode).toBe(204);
    expect((await laptop.get('/api/me')).statusCode).toBe(401);
    expect((await phone.get('/api/me')).statusCode).toBe(200);
  });

  it('changes the password with the current one and ends the other sessions', async () => {
    const email = uniqueEmail();
    const phone = client();
    await signUp(phone, { email });
    const laptop = client();
    await laptop.post('/api/auth/signin', { email, password: strongPassword });

    const wrong = await phone.post('/api/auth/password', {
      currentPassword: 'nope nope nope',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.statusCode).toBe(422);
    const changed = await phone.post('/api/auth/password', {
      currentPassword: strongPassword,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.statusCode).toBe(204);
    expect((await laptop.get('/api/me')).statusCode).toBe(401);
    expect((await phone.get('/api/me')).statusCode).toBe(200);
    const again = await client().post('/api/auth/signin', { email, password: 'a brand new passphrase' });
    expect(again.statusCode).toBe(200);
  });

  it('keeps the session cookie httpOnly and SameSite=Lax', async () => {
    const response = await client().post('/api/auth/signup', {
      email: uniqueEmail(),
      password: strongPassword,
      accountType: 'individual',
    });
    const cookie = response.cookies.find((c) => c.name === 'session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('does no per-address work while answering the email entry, so its timing cannot tell addresses apart', async () => {
    // This app runs no workers: whatever the endpoint did itself is all there is before the job runs.
    const unknown = uniqueEmail();
    const known = uniqueEmail();
    await signUp(client(), { email: known });
    const before = await t.db.select().from(users);
    const a = await client().post('/api/auth/email', { email: unknown });
    const b = await client().post('/api/auth/email', { email: known });
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(a.body).toBe(b.body);
    expect(await t.db.select().from(users)).toHaveLength(before.length);
    const queued = await t.database.pool.query(
      "select data->>'email' as email from pgboss.job where name = 'identity.email-entry' order by created_on",
    );
    expect(queued.rows.map((row) => row.email)).toEqual(expect.arrayContaining([unknown, known]));
  });

  it('logs a failed sign-in with the address but never the password', async () => {
    const logged = await createTestApp({ captureLogs: true });
    try {
      const email = uniqueEmail();
      await createHttpClient(logged.app, { origin }).post('/api/auth/signin', {
        email,
        password: 'my secret guess 42',
      });
      const entry = logged.logs.find((line) => line.msg === 'password sign-in failed');
      expect(entry).toMatchObject({ email, known: false });
      expect(JSON.stringify(logged.logs)).not.toContain('my secret guess 42');
    } finally {
      await logged.close();
    }
  });

  it('uses a __Host- cookie marked Secure when the public URL is https', async () => {
    const secure = await createTestApp({ env: { PUBLIC_URL: 'https://call.example.com' } });
    try {
      const response = await createHttpClient(secure.app, { origin: 'https://call.example.com' }).post(
        '/api/auth/signup',
        {
          email: uniqueEmail(),
          password: strongPassword,
          accountType: 'individual',
        },
      );
      expect(response.statusCode).toBe(201);
      const cookie = response.cookies.find((c) => c.name === '__Host-session');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, path: '/' });
    } finally {
      await secure.close();
    }
  });

  it('creates the account and its owner membership together', async () => {
    const me = await signUp(client(), { email: uniqueEmail() });
    const rows = await t.db.select().from(memberships).where(eq(memberships.accountId, me.account.id));
    expect(rows.map((row) => row.role)).toEqual(['owner']);
  });
});
