import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, strongPassword, uniqueEmail } from '../../../test/support/accounts';
import { createTestClock } from '../../../test/support/clock';
import { createHttpClient } from '../../../test/support/http-client';
import { countMail, linkTokenIn, waitForMail } from '../../../test/support/mail';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { waitFor } from '../../../test/support/wait';
import { accounts, memberships, sessions, users } from './tables';

describe('email-first entry and magic links', () => {
  let t: TestApp;
  const clock = createTestClock();
  const origin = 'http://localhost:3000';
  const client = (ip?: string) => createHttpClient(t.app, { origin, ...(ip ? { ip } : {}) });

  beforeAll(async () => {
    t = await createTestApp({ work: true, clock, captureLogs: true });
  });
  afterAll(async () => {
    await t.close();
  });

  async function membershipOf(email: string) {
    const [row] = await t.db
      .select({ role: memberships.role, accountId: accounts.id, kind: accounts.kind, name: accounts.name })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(eq(users.email, email));
    return row;
  }

  async function requestLink(email: string, browser = client()) {
    const response = await browser.post('/api/auth/email', { email });
    expect(response.statusCode).toBe(202);
    return response;
  }

  async function companyWithConfirmedFounder(domain: string) {
    const founder = client();
    const email = uniqueEmail(domain, 'founder');
    const me = await signUp(founder, { email, accountType: 'company', companyName: `Company ${domain}` });
    // The founder proves the address once, with a link; until then the domain provisions nobody.
    await requestLink(email);
    const mail = await waitForMail(t.db, email, 'magic_link');
    expect((await founder.post('/api/auth/magic', { token: linkTokenIn(mail.textBody) })).statusCode).toBe(
      200,
    );
    return { founder, me };
  }

  it('answers known and unknown addresses identically, doing the work in a job', async () => {
    const known = uniqueEmail();
    await signUp(client(), { email: known });
    const unknown = uniqueEmail();
    const a = await requestLink(known);
    const b = await requestLink(unknown);
    expect(a.body).toBe(b.body);
    expect(a.headers['content-length']).toBe(b.headers['content-length']);
    // Both get a link, once the job has run.
    await waitForMail(t.db, known, 'magic_link');
    await waitForMail(t.db, unknown, 'magic_link');
  });

  it('creates nobody for a new address until its link is used, then an individual account', async () => {
    const email = uniqueEmail('somewhere-else.test');
    const browser = client();
    await requestLink(email, browser);
    const mail = await waitForMail(t.db, email, 'magic_link');
    expect(mail.textBody).toContain('expires in 10 minutes');
    expect(await t.db.select().from(users).where(eq(users.email, email))).toEqual([]);

    const response = await browser.post('/api/auth/magic', { token: linkTokenIn(mail.textBody) });
    expect(response.statusCode).toBe(200);
    expect(await membershipOf(email)).toMatchObject({ role: 'owner', kind: 'individual' });
    expect(response.json()).toMatchObject({ user: { email, hasPassword: false }, signedOutEmail: null });
    const [user] = await t.db.select().from(users).where(eq(users.email, email));
    expect(user?.confirmedAt).toBeInstanceOf(Date);
    expect((await browser.get('/api/me')).statusCode).toBe(200);
  });

  it('provisions a seat for an address at a domain a company claims, and logs it', async () => {
    const domain = `globex-${Date.now()}.test`;
    const { me } = await companyWithConfirmedFounder(domain);
    const email = uniqueEmail(domain, 'seat');
    await requestLink(email);
    const mail = await waitForMail(t.db, email, 'magic_link');
    expect((await client().post('/api/auth/magic', { token: linkTokenIn(mail.textBody) })).statusCode).toBe(
      200,
    );
    expect(await membershipOf(email)).toMatchObject({ role: 'seat', accountId: me.account.id });
    expect(t.logs).toContainEqual(
      expect.objectContaining({ msg: 'seat provisioned by email domain', domain, accountId: me.account.id }),
    );
  });

  it('does not provision seats for a domain whose company never proved an address there, and tells its owner', async () => {
    const domain = `unproven-${Date.now()}.test`;
    const founder = uniqueEmail(domain);
    await signUp(client(), {
      email: founder,
      accountType: 'company',
      companyName: 'Unproven',
      confirm: false,
    });
    const email = uniqueEmail(domain, 'visitor');
    await requestLink(email);
    const mail = await waitForMail(t.db, email, 'magic_link');
    expect((await client().post('/api/auth/magic', { token: linkTokenIn(mail.textBody) })).statusCode).toBe(
      200,
    );
    expect(await membershipOf(email)).toMatchObject({ role: 'owner', kind: 'individual' });
    const told = await waitForMail(t.db, founder, 'colleague_waiting');
    expect(told.subject).toBe(`People at ${domain} cannot join Unproven yet`);
    expect(told.textBody).not.toContain(email);
  });

  it('uses a link once', async () => {
    const email = uniqueEmail();
    await requestLink(email);
    const token = linkTokenIn((await waitForMail(t.db, email, 'magic_link')).textBody);
    expect((await client().post('/api/auth/magic', { token })).statusCode).toBe(200);
    const again = await client().post('/api/auth/magic', { token });
    expect(again.statusCode).toBe(410);
    expect(again.json().error).toMatchObject({ code: 'link_used', details: { canResend: true } });
  });

  it('refuses a link after 10 minutes, and sends a fresh one on request', async () => {
    const email = uniqueEmail();
    await requestLink(email);
    const first = await waitForMail(t.db, email, 'magic_link');
    clock.advance(10 * 60_000 + 1000);
    const token = linkTokenIn(first.textBody);
    const late = await client().post('/api/auth/magic', { token });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('link_expired');

    const resend = await client().post('/api/auth/magic/resend', { token });
    expect(resend.statusCode).toBe(202);
    const fresh = await waitFor(async () => ((await countMail(t.db, email)) === 2 ? true : undefined));
    expect(fresh).toBe(true);
    const second = await waitForMail(t.db, email, 'magic_link', { after: first.createdAt });
    expect((await client().post('/api/auth/magic', { token: linkTokenIn(second.textBody) })).statusCode).toBe(
      200,
    );
  });

  it('answers 404 for a token it never issued', async () => {
    const response = await client().post('/api/auth/magic', { token: 'A'.repeat(43) });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('link_invalid');
  });

  it('signs the previous person out when a link for someone else is opened, and says who', async () => {
    const browser = client();
    const first = uniqueEmail();
    await signUp(browser, { email: first });
    const second = uniqueEmail();
    await requestLink(second);
    const mail = await waitForMail(t.db, second, 'magic_link');
    const response = await browser.post('/api/auth/magic', { token: linkTokenIn(mail.textBody) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: { email: second }, signedOutEmail: first });
    expect((await browser.get('/api/me')).json().user.email).toBe(second);
    const firstSessions = await t.db
      .select()
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(users.email, first));
    expect(firstSessions).toEqual([]);
  });

  it('rate-limits link requests per address with 429 and Retry-After', async () => {
    const email = uniqueEmail();
    let last = await requestLink(email);
    for (let i = 0; i < 10 && last.statusCode === 202; i += 1) {
      last = await client(`10.2.0.${i}`).post('/api/auth/email', { email });
    }
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });

  describe('password reset', () => {
    it('always answers 202 and mails only people with a password account', async () => {
      const email = uniqueEmail();
      await signUp(client(), { email });
      const known = await client().post('/api/auth/password/forgot', { email });
      const unknownEmail = uniqueEmail();
      const unknown = await client().post('/api/auth/password/forgot', { email: unknownEmail });
      expect(known.statusCode).toBe(202);
      expect(known.body).toBe(unknown.body);
      await waitForMail(t.db, email, 'password_reset');
      expect(await t.db.select().from(users).where(eq(users.email, unknownEmail))).toEqual([]);
    });

    it('sets a new password once, ends every other session, and signs in', async () => {
      const email = uniqueEmail();
      const laptop = client();
      await signUp(laptop, { email });
      await client().post('/api/auth/password/forgot', { email });
      const token = linkTokenIn((await waitForMail(t.db, email, 'password_reset')).textBody);

      const phone = client();
      const weak = await phone.post('/api/auth/password/reset', { token, password: 'password123' });
      expect(weak.json().error.code).toBe('weak_password');
      const reset = await phone.post('/api/auth/password/reset', {
        token,
        password: 'a fresh passphrase here',
      });
      expect(reset.statusCode).toBe(200);
      expect((await phone.get('/api/me')).statusCode).toBe(200);
      expect((await laptop.get('/api/me')).statusCode).toBe(401);

      const again = await client().post('/api/auth/password/reset', {
        token,
        password: 'another passphrase here',
      });
      expect(again.json().error.code).toBe('link_used');
      const oldPassword = await client().post('/api/auth/signin', { email, password: strongPassword });
      expect(oldPassword.statusCode).toBe(401);
    });

    it('refuses a reset link after 30 minutes', async () => {
      const email = uniqueEmail();
      await signUp(client(), { email });
      await client().post('/api/auth/password/forgot', { email });
      const token = linkTokenIn((await waitForMail(t.db, email, 'password_reset')).textBody);
      clock.advance(30 * 60_000 + 1000);
      const response = await client().post('/api/auth/password/reset', {
        token,
        password: 'a fresh passphrase here',
      });
      expect(response.statusCode).toBe(410);
      expect(response.json().error.code).toBe('link_expired');
    });

    it('does not accept a reset token as a sign-in link', async () => {
      const email = uniqueEmail();
      await signUp(client(), { email });
      await client().post('/api/auth/password/forgot', { email });
      const token = linkTokenIn((await waitForMail(t.db, email, 'password_reset')).textBody);
      expect((await client().post('/api/auth/magic', { token })).json().error.code).toBe('link_invalid');
    });
  });
});
