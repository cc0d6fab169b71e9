import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../../../test/support/accounts';
import { createHttpClient, type HttpClient } from '../../../test/support/http-client';
import { linkTokenIn, waitForMail } from '../../../test/support/mail';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

type UserItem = { id: string; email: string; account: { name: string; role: string } | null };

describe('the admin API of users', () => {
  let t: TestApp;
  let admin: HttpClient;
  const adminEmail = uniqueEmail('mobayilo.test', 'admin');
  const origin = 'http://localhost:3000';
  const tag = Date.now().toString(36);

  async function auditOf(userId: string) {
    const response = await admin.get(`/api/admin/audit?q=user:${userId}`);
    return response.json().items as {
      action: string;
      reason: string | null;
      details: Record<string, unknown>;
    }[];
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_EMAILS: adminEmail } });
    admin = createHttpClient(t.app, { origin });
    await signUp(admin, { email: adminEmail });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is for platform admins only, refused before the request is read', async () => {
    const anonymous = createHttpClient(t.app, { origin });
    const member = createHttpClient(t.app, { origin });
    const { user } = await signUp(member, { email: uniqueEmail() });
    const calls = async (client: HttpClient) => [
      await client.get('/api/admin/users?limit=nope'),
      await client.post(`/api/admin/users/${user.id}/sign-in-link`, { reason: 42 }),
      await client.post(`/api/admin/users/${user.id}/sessions/end`, {}),
    ];
    for (const response of await calls(anonymous)) expect(response.statusCode).toBe(401);
    for (const response of await calls(member)) expect(response.json().error.code).toBe('forbidden');
    for (const response of await calls(admin)) expect(response.statusCode).toBe(422);
  });

  it('finds people by email, domain or company name, page by page', async () => {
    const domain = `users-${tag}.test`;
    const owner = createHttpClient(t.app, { origin });
    await signUp(owner, {
      email: uniqueEmail(domain, 'owner'),
      accountType: 'company',
      companyName: `Acme ${tag}`,
    });
    const other = createHttpClient(t.app, { origin });
    const { user } = await signUp(other, { email: uniqueEmail(domain, 'solo') });

    const byDomain = (await admin.get(`/api/admin/users?q=${domain}&limit=1`)).json();
    expect(byDomain.items).toHaveLength(1);
    expect(byDomain.items[0].id).toBe(user.id);
    const next = (
      await admin.get(
        `/api/admin/users?q=${domain}&limit=1&cursor=${encodeURIComponent(byDomain.nextCursor)}`,
      )
    ).json();
    expect(next.items.map((item: UserItem) => item.email)).toEqual([expect.stringContaining('owner')]);
    expect(next.nextCursor).toBeNull();

    const byCompany = (await admin.get(`/api/admin/users?q=${encodeURIComponent(`Acme ${tag}`)}`)).json();
    expect(byCompany.items).toEqual([
      expect.objectContaining({ account: expect.objectContaining({ name: `Acme ${tag}`, role: 'owner' }) }),
    ]);
    expect(
      (await admin.get(`/api/admin/users?q=${encodeURIComponent(user.email)}`)).json().items,
    ).toHaveLength(1);
  });

  it('emails a working sign-in link, audited', async () => {
    const person = createHttpClient(t.app, { origin });
    const { user } = await signUp(person, { email: uniqueEmail() });
    const response = await admin.post(`/api/admin/users/${user.id}/sign-in-link`, {
      reason: 'Lost the email',
    });
    expect(response.statusCode).toBe(204);
    const mail = await waitForMail(t.db, user.email, 'magic_link');
    const browser = createHttpClient(t.app, { origin });
    const used = await browser.post('/api/auth/magic', { token: linkTokenIn(mail.textBody) });
    expect(used.statusCode, used.body).toBe(200);
    expect(await auditOf(user.id)).toEqual([
      expect.objectContaining({ action: 'user.send_sign_in_link', reason: 'Lost the email' }),
    ]);
  });

  it('signs a person out everywhere with a reason, audited; an unknown person is a 404 with no audit row', async () => {
    const person = createHttpClient(t.app, { origin });
    const { user } = await signUp(person, { email: uniqueEmail() });
    expect((await person.get('/api/me')).statusCode).toBe(200);
    const ended = await admin.post(`/api/admin/users/${user.id}/sessions/end`, { reason: 'Stolen laptop' });
    expect(ended.json()).toEqual({ ended: 1 });
    expect((await person.get('/api/me')).statusCode).toBe(401);
    expect(await auditOf(user.id)).toEqual([
      expect.objectContaining({
        action: 'user.end_sessions',
        reason: 'Stolen laptop',
        details: expect.objectContaining({ sessionsEnded: 1 }),
      }),
    ]);

    const unknown = randomUUID();
    expect(
      (await admin.post(`/api/admin/users/${unknown}/sessions/end`, { reason: 'Nobody' })).statusCode,
    ).toBe(404);
    expect((await admin.post(`/api/admin/users/${unknown}/sign-in-link`, {})).statusCode).toBe(404);
    expect(await auditOf(unknown)).toEqual([]);
  });
});
