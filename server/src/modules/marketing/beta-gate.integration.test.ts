import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, strongPassword, uniqueEmail } from '../../../test/support/accounts';
import { createHttpClient, type HttpClient } from '../../../test/support/http-client';
import { linkTokenIn, waitForMail } from '../../../test/support/mail';
import { type ReceivedMail, startSmtpServer, textOf } from '../../../test/support/smtp';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { waitFor } from '../../../test/support/wait';
import { memberships, sessions, users } from '../identity/tables';
import { subscribers } from './tables';

describe('the beta gate (BETA_GATE=on)', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let admin: HttpClient;
  const adminEmail = uniqueEmail('mobayilo.test', 'admin');
  const origin = 'http://localhost:3000';
  const client = () => createHttpClient(t.app, { origin });

  async function subscriberOf(email: string) {
    const [row] = await t.db
      .select()
      .from(subscribers)
      .where(sql`lower(${subscribers.email}) = ${email.toLowerCase()}`);
    return row;
  }

  async function userOf(email: string) {
    const [row] = await t.db.select().from(users).where(eq(users.email, email));
    return row;
  }

  async function mailOverSmtp(to: string, subject: string): Promise<ReceivedMail> {
    return waitFor(async () =>
      smtp.received.find((mail) => mail.to.includes(to) && mail.data.includes(`Subject: ${subject}`)),
    );
  }

  /** Puts an address on the list from the marketing site and has the admin invite it. */
  async function invited(email: string) {
    await t.app.inject({ method: 'POST', url: '/api/subscribe', payload: { email } });
    const subscriber = await subscriberOf(email);
    if (!subscriber) throw new Error('not subscribed');
    const response = await admin.post(`/api/admin/subscribers/${subscriber.id}/invite`);
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({
      work: true,
      env: { BETA_GATE: 'on', ADMIN_EMAILS: adminEmail, SMTP_URL: smtp.url },
    });
    admin = client();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('lets addresses in ADMIN_EMAILS sign up, without putting them on the list', async () => {
    const me = await signUp(admin, { email: adminEmail });
    expect(me.user).toMatchObject({ email: adminEmail, role: 'admin' });
    expect(await subscriberOf(adminEmail)).toBeUndefined();
  });

  it('tells the web app that the gate is on', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/status' });
    expect(response.json().betaGate).toBe(true);
  });

  it('refuses the sign-up of an uninvited address with 403 waitlisted, creating no user or session', async () => {
    const email = uniqueEmail();
    const visitor = client();
    const response = await visitor.post('/api/auth/signup', {
      email,
      password: strongPassword,
      accountType: 'individual',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'waitlisted' });
    expect(response.json().error.message).toMatch(/on the list/);
    expect(response.cookies.find((cookie) => cookie.name === 'session')).toBeUndefined();
    expect(await userOf(email)).toBeUndefined();
    expect((await visitor.get('/api/me')).statusCode).toBe(401);

    expect(await subscriberOf(email)).toMatchObject({ status: 'waiting', source: 'signup' });
    const again = await visitor.post('/api/auth/signup', {
      email: email.toUpperCase(),
      password: strongPassword,
      accountType: 'company',
      companyName: 'Hopeful Ltd',
    });
    expect(again.statusCode).toBe(403);
    const [{ count } = { count: 0 }] = await t.db
      .select({ count: sql<number>`count(*)::int` })
      .from(subscribers)
      .where(sql`lower(${subscribers.email}) = ${email}`);
    expect(count).toBe(1);
    const [{ sessionCount } = { sessionCount: -1 }] = await t.db
      .select({ sessionCount: sql<number>`count(*)::int` })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(users.email, email));
    expect(sessionCount).toBe(0);
  });

  it('answers the email-first entry with the same 202, and emails an uninvited address that it is on the list, with no link', async () => {
    const email = uniqueEmail();
    const unknown = await client().post('/api/auth/email', { email });
    const known = await client().post('/api/auth/email', { email: adminEmail });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);

    const mail = await waitForMail(t.db, email, 'waitlist');
    expect(mail.subject).toBe("You're on the Mobayilo list");
    expect(mail.textBody).not.toMatch(/https?:\/\//);
    expect(mail.htmlBody).not.toMatch(/href=/);
    expect(await userOf(email)).toBeUndefined();
    expect(await subscriberOf(email)).toMatchObject({ status: 'waiting', source: 'signin' });
    await waitForMail(t.db, adminEmail, 'magic_link');
  });

  it('emails an invitation over SMTP whose link pre-fills the sign-up form; signing up marks the subscriber joined', async () => {
    const email = uniqueEmail('example.com', 'invitee');
    const subscriber = await invited(email);
    expect(subscriber).toMatchObject({ email, status: 'invited', joinedAt: null });
    expect(subscriber.invitedAt).toEqual(expect.any(String));

    const mail = await mailOverSmtp(email, 'Your invitation to Mobayilo');
    const link = textOf(mail).match(/http:\/\/localhost:3000\/signup\?[^\s"<]+/)?.[0];
    if (!link) throw new Error(`no sign-up link in:\n${textOf(mail)}`);
    expect(new URL(link.replace(/&amp;/g, '&')).searchParams.get('email')).toBe(email);

    const me = await signUp(client(), { email });
    expect(me.user.email).toBe(email);
    const row = await subscriberOf(email);
    expect(row?.status).toBe('joined');
    expect(row?.joinedAt).toBeInstanceOf(Date);
  });

  it('lets invited subscribers in by the email-first entry too, marking them joined at their first sign-in', async () => {
    const first = uniqueEmail('example.com', 'bulk');
    const second = uniqueEmail('example.com', 'bulk');
    for (const email of [first, second]) {
      await t.app.inject({ method: 'POST', url: '/api/subscribe', payload: { email } });
    }
    const ids = [(await subscriberOf(first))?.id, (await subscriberOf(second))?.id];
    const bulk = await admin.post('/api/admin/subscribers/invite', { ids });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().items.map((item: { status: string }) => item.status)).toEqual(['invited', 'invited']);
    await mailOverSmtp(second, 'Your invitation to Mobayilo');

    await client().post('/api/auth/email', { email: first });
    const mail = await waitForMail(t.db, first, 'magic_link');
    expect((await subscriberOf(first))?.status).toBe('invited');
    const signedIn = await client().post('/api/auth/magic', { token: linkTokenIn(mail.textBody) });
    expect(signedIn.statusCode).toBe(200);
    expect((await subscriberOf(first))?.status).toBe('joined');
    expect((await subscriberOf(second))?.status).toBe('invited');
  });

  it('never holds back people who are already users, by link or by password', async () => {
    // Someone who signed up before the gate was turned on, and never subscribed.
    const email = uniqueEmail('example.com', 'veteran');
    await t.db.insert(users).values({ email, createdAt: new Date() });
    await client().post('/api/auth/email', { email });
    const mail = await waitForMail(t.db, email, 'magic_link');
    expect((await client().post('/api/auth/magic', { token: linkTokenIn(mail.textBody) })).statusCode).toBe(
      200,
    );
    expect(await subscriberOf(email)).toBeUndefined();

    const password = await client().post('/api/auth/signin', { email: adminEmail, password: strongPassword });
    expect(password.statusCode).toBe(200);
  });

  it('lets in seats invited by their company and people joining by its allowed domain', async () => {
    const domain = `acme-${Date.now().toString(36)}.test`;
    const founderEmail = uniqueEmail(domain, 'founder');
    await invited(founderEmail);
    const founder = client();
    await signUp(founder, { email: founderEmail, accountType: 'company', companyName: 'Acme' });
    // The founder proves the address once; from then on the domain brings people in as seats.
    await client().post('/api/auth/email', { email: founderEmail });
    const proof = await waitForMail(t.db, founderEmail, 'magic_link');
    expect((await founder.post('/api/auth/magic', { token: linkTokenIn(proof.textBody) })).statusCode).toBe(
      200,
    );

    const seatEmail = uniqueEmail(domain, 'seat');
    expect((await founder.post('/api/account/seats', { email: seatEmail })).statusCode).toBe(201);
    const invitation = await waitForMail(t.db, seatEmail, 'seat_invite');
    const seat = await client().post('/api/auth/magic', { token: linkTokenIn(invitation.textBody) });
    expect(seat.json()).toMatchObject({ membership: { role: 'seat' } });

    const colleague = uniqueEmail(domain, 'colleague');
    expect((await client().post('/api/auth/email', { email: colleague })).statusCode).toBe(202);
    const link = await waitForMail(t.db, colleague, 'magic_link');
    // Nobody is created before the link is used.
    expect(await userOf(colleague)).toBeUndefined();
    expect((await client().post('/api/auth/magic', { token: linkTokenIn(link.textBody) })).statusCode).toBe(
      200,
    );
    const user = await userOf(colleague);
    if (!user) throw new Error('the colleague was not let in');
    const [membership] = await t.db.select().from(memberships).where(eq(memberships.userId, user.id));
    expect(membership?.role).toBe('seat');
    expect(await subscriberOf(colleague)).toBeUndefined();
    expect(await subscriberOf(seatEmail)).toBeUndefined();
  });
});
