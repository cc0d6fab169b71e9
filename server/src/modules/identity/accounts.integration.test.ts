import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, strongPassword, uniqueEmail } from '../../../test/support/accounts';
import { createHttpClient, type HttpClient } from '../../../test/support/http-client';
import { linkTokenIn, waitForMail } from '../../../test/support/mail';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { memberships, users } from './tables';

describe('company seats, roles and domains', () => {
  let t: TestApp;
  const origin = 'http://localhost:3000';
  const client = () => createHttpClient(t.app, { origin });

  beforeAll(async () => {
    t = await createTestApp({ work: true, env: { ADMIN_EMAILS: 'root@mobayilo.test' } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function company(domain = `co-${Date.now()}-${Math.random().toString(36).slice(2, 6)}.test`) {
    const owner = client();
    const me = await signUp(owner, {
      email: uniqueEmail(domain, 'owner'),
      accountType: 'company',
      companyName: 'Initech',
    });
    return { owner, me, domain };
  }

  async function members(owner: HttpClient) {
    return (await owner.get('/api/account/members')).json() as {
      items: { id: string; email: string; role: string }[];
      domains: string[];
    };
  }

  it('invites a seat at an allowed domain with a link, mailed to them only, that signs them in', async () => {
    const { owner, me, domain } = await company();
    const email = uniqueEmail(domain, 'seat');
    const response = await owner.post('/api/account/seats', { email });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      status: 'added',
      member: expect.objectContaining({ email, role: 'seat', confirmed: false }),
    });
    expect(response.body).not.toMatch(/magic|token|http/i);

    const mail = await waitForMail(t.db, email, 'seat_invite');
    expect(mail.subject).toContain('Initech');
    const seat = client();
    const signedIn = await seat.post('/api/auth/magic', { token: linkTokenIn(mail.textBody) });
    expect(signedIn.json()).toMatchObject({ account: { id: me.account.id }, membership: { role: 'seat' } });
  });

  it('refuses a seat outside the allowed domains with 422 domain_not_allowed', async () => {
    const { owner } = await company();
    const email = uniqueEmail('elsewhere.test');
    const response = await owner.post('/api/account/seats', { email });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('domain_not_allowed');
    expect(await t.db.select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  it('lets a company without a domain of its own invite by exact address', async () => {
    const owner = client();
    await signUp(owner, {
      email: uniqueEmail('gmail.com'),
      accountType: 'company',
      companyName: 'Garage Band',
    });
    const response = await owner.post('/api/account/seats', { email: uniqueEmail('yahoo.com') });
    expect(response.statusCode).toBe(201);
  });

  it('refuses to invite someone who already has an account, or is already a member', async () => {
    const { owner, domain } = await company();
    const email = uniqueEmail(domain, 'twice');
    expect((await owner.post('/api/account/seats', { email })).statusCode).toBe(201);
    expect((await owner.post('/api/account/seats', { email })).json().error.code).toBe('already_a_member');

    const outsider = uniqueEmail(domain, 'individual');
    await signUp(client(), { email: outsider });
    const response = await owner.post('/api/account/seats', { email: outsider });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('already_has_account');
  });

  it('keeps seats from managing the company', async () => {
    const { owner, domain } = await company();
    const email = uniqueEmail(domain, 'seat');
    await owner.post('/api/account/seats', { email });
    const seat = client();
    await seat.post('/api/auth/magic', {
      token: linkTokenIn((await waitForMail(t.db, email, 'seat_invite')).textBody),
    });
    expect((await seat.get('/api/account/members')).statusCode).toBe(403);
    expect((await seat.post('/api/account/seats', { email: uniqueEmail(domain) })).statusCode).toBe(403);
    expect((await client().get('/api/account/members')).statusCode).toBe(401);
  });

  it('removes a seat: their row stays for history, their sessions end', async () => {
    const { owner, domain } = await company();
    const email = uniqueEmail(domain, 'leaver');
    const { member } = (await owner.post('/api/account/seats', { email })).json();
    const seat = client();
    await seat.post('/api/auth/magic', {
      token: linkTokenIn((await waitForMail(t.db, email, 'seat_invite')).textBody),
    });
    expect((await seat.get('/api/me')).statusCode).toBe(200);

    expect((await owner.delete(`/api/account/members/${member.id}`)).statusCode).toBe(204);
    expect((await seat.get('/api/me')).statusCode).toBe(401);
    expect((await members(owner)).items.map((m) => m.email)).not.toContain(email);
    const [row] = await t.db.select().from(memberships).where(eq(memberships.id, member.id));
    expect(row?.removedAt).toBeInstanceOf(Date);
  });

  it('never lets the last owner be demoted or removed', async () => {
    const { owner, me } = await company();
    const demote = await owner.patch(`/api/account/members/${(await members(owner)).items[0]?.id}`, {
      role: 'admin',
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('last_owner');
    const ownId = (await members(owner)).items.find((m) => m.role === 'owner')?.id;
    const remove = await owner.delete(`/api/account/members/${ownId}`);
    expect(remove.json().error.code).toBe('last_owner');
    expect((await owner.get('/api/me')).json().membership.role).toBe('owner');
    expect(me.membership.role).toBe('owner');
  });

  it('allows handing over ownership, after which the former owner can step down', async () => {
    const { owner, domain } = await company();
    const email = uniqueEmail(domain, 'heir');
    const { member } = (await owner.post('/api/account/seats', { email })).json();
    expect((await owner.patch(`/api/account/members/${member.id}`, { role: 'owner' })).json().role).toBe(
      'owner',
    );
    const self = (await members(owner)).items.find((m) => m.role === 'owner' && m.id !== member.id);
    expect((await owner.patch(`/api/account/members/${self?.id}`, { role: 'admin' })).statusCode).toBe(200);
  });

  it('lets only owners make owners', async () => {
    const { owner, domain } = await company();
    const adminEmail = uniqueEmail(domain, 'admin');
    const { member: admin } = (await owner.post('/api/account/seats', { email: adminEmail })).json();
    await owner.patch(`/api/account/members/${admin.id}`, { role: 'admin' });
    const adminBrowser = client();
    await adminBrowser.post('/api/auth/magic', {
      token: linkTokenIn((await waitForMail(t.db, adminEmail, 'seat_invite')).textBody),
    });
    const seatEmail = uniqueEmail(domain, 'seat');
    const { member: seat } = (await adminBrowser.post('/api/account/seats', { email: seatEmail })).json();
    expect((await adminBrowser.patch(`/api/account/members/${seat.id}`, { role: 'owner' })).statusCode).toBe(
      403,
    );
    expect((await adminBrowser.patch(`/api/account/members/${seat.id}`, { role: 'admin' })).statusCode).toBe(
      200,
    );
  });

  it('edits the allowed domains: only the company’s own domains, never public webmail', async () => {
    const { owner, domain } = await company();
    expect((await owner.put('/api/account/domains', { domains: [] })).json().domains).toEqual([]);
    expect(
      (await owner.put('/api/account/domains', { domains: [domain.toUpperCase()] })).json().domains,
    ).toEqual([domain]);
    const webmail = await owner.put('/api/account/domains', { domains: ['gmail.com'] });
    expect(webmail.json().error.code).toBe('public_domain_not_allowed');
    const foreign = await owner.put('/api/account/domains', { domains: ['someone-else.test'] });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.code).toBe('domain_not_verified');
    const invalid = await owner.put('/api/account/domains', { domains: ['not a domain'] });
    expect(invalid.json().error.code).toBe('validation_failed');
    expect((await members(owner)).domains).toEqual([domain]);
  });

  it('gives individuals no seats', async () => {
    const owner = client();
    await signUp(owner, { email: uniqueEmail() });
    const response = await owner.post('/api/account/seats', { email: uniqueEmail() });
    expect(response.statusCode).toBe(403);
  });

  describe('platform admin', () => {
    it('answers 401 signed out and 403 to everyone not listed in ADMIN_EMAILS', async () => {
      expect((await client().get('/api/admin/accounts')).statusCode).toBe(401);
      const user = client();
      await signUp(user, { email: uniqueEmail() });
      expect((await user.get('/api/admin/accounts')).statusCode).toBe(403);
    });

    it('lets an admin search accounts by member email', async () => {
      const admin = client();
      await signUp(admin, { email: 'root@mobayilo.test' });
      expect((await admin.get('/api/me')).json().user.role).toBe('admin');
      const email = uniqueEmail('findme.test');
      await signUp(client(), { email });
      const found = (await admin.get(`/api/admin/accounts?q=${encodeURIComponent(email)}`)).json();
      expect(found.items).toHaveLength(1);
      expect(found.items[0].ownerEmails).toEqual([email]);
      const page = (await admin.get('/api/admin/accounts?limit=1')).json();
      expect(page.items).toHaveLength(1);
      expect(page.nextCursor).toEqual(expect.any(String));
      const next = (await admin.get(`/api/admin/accounts?limit=1&cursor=${page.nextCursor}`)).json();
      expect(next.items[0].id).not.toBe(page.items[0].id);
    });

    it('keeps signed-in sessions working with the right password after all this', async () => {
      const email = uniqueEmail();
      await signUp(client(), { email });
      expect((await client().post('/api/auth/signin', { email, password: strongPassword })).statusCode).toBe(
        200,
      );
    });
  });
});
