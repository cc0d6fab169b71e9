import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../../../test/support/accounts';
import { createHttpClient, type HttpClient } from '../../../test/support/http-client';
import { waitForMail } from '../../../test/support/mail';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { subscribers } from './tables';

type Item = { id: string; email: string; status: string; source: string; createdAt: string };

describe('the admin API of the waitlist', () => {
  let t: TestApp;
  let admin: HttpClient;
  let member: HttpClient;
  const adminEmail = uniqueEmail('mobayilo.test', 'admin');
  const origin = 'http://localhost:3000';
  const tag = Date.now().toString(36);

  async function subscribe(email: string, source?: string) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/subscribe',
      payload: source ? { email, source } : { email },
    });
    expect(response.statusCode).toBe(201);
    const [row] = await t.db.select().from(subscribers).where(sql`lower(${subscribers.email}) = ${email}`);
    if (!row) throw new Error('not stored');
    return row;
  }

  beforeAll(async () => {
    t = await createTestApp({ work: true, env: { ADMIN_EMAILS: adminEmail } });
    admin = createHttpClient(t.app, { origin });
    member = createHttpClient(t.app, { origin });
    await signUp(admin, { email: adminEmail });
    await signUp(member, { email: uniqueEmail() });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is for platform admins only: 401 signed out, 403 for everyone else', async () => {
    const { id } = await subscribe(uniqueEmail());
    const anonymous = createHttpClient(t.app, { origin });
    // One at a time: the client fetches its CSRF token on its first write.
    const calls = async (client: HttpClient) => [
      await client.get('/api/admin/subscribers'),
      await client.get('/api/admin/subscribers.csv'),
      await client.post(`/api/admin/subscribers/${id}/invite`),
      await client.post('/api/admin/subscribers/invite', { ids: [id] }),
      await client.delete(`/api/admin/subscribers/${id}`),
    ];
    for (const response of await calls(anonymous)) {
      expect(response.statusCode, response.body).toBe(401);
    }
    for (const response of await calls(member)) {
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    const [row] = await t.db.select().from(subscribers).where(sql`${subscribers.id} = ${id}`);
    expect(row?.status).toBe('waiting');
  });

  it('lists subscribers newest first, page by page, filtered by status and searched by address or source', async () => {
    const emails = [0, 1, 2].map(() => uniqueEmail(`list-${tag}.test`));
    for (const email of emails) await subscribe(email, `campaign-${tag}`);
    const invitedOne = await subscribe(uniqueEmail(`list-${tag}.test`), `campaign-${tag}`);
    expect((await admin.post(`/api/admin/subscribers/${invitedOne.id}/invite`)).statusCode).toBe(200);

    const first = await admin.get(`/api/admin/subscribers?q=list-${tag}&limit=2`);
    expect(first.statusCode).toBe(200);
    const page1 = first.json() as { items: Item[]; nextCursor: string | null };
    expect(page1.items).toHaveLength(2);
    expect(Object.keys(page1.items[0] ?? {}).sort()).toEqual(
      ['createdAt', 'email', 'id', 'invitedAt', 'joinedAt', 'source', 'status'].sort(),
    );
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await admin.get(
      `/api/admin/subscribers?q=list-${tag}&limit=2&cursor=${encodeURIComponent(page1.nextCursor ?? '')}`,
    );
    const page2 = second.json() as { items: Item[]; nextCursor: string | null };
    expect(page2.nextCursor).toBeNull();
    const listed = [...page1.items, ...page2.items].map((item) => item.email);
    expect(listed).toEqual([invitedOne.email, ...[...emails].reverse()]);

    const bySource = (await admin.get(`/api/admin/subscribers?q=campaign-${tag}`)).json();
    expect(bySource.items).toHaveLength(4);
    const waiting = (await admin.get(`/api/admin/subscribers?q=list-${tag}&status=waiting`)).json();
    expect(waiting.items.map((item: Item) => item.email).sort()).toEqual([...emails].sort());
    const invited = (await admin.get(`/api/admin/subscribers?q=list-${tag}&status=invited`)).json();
    expect(invited.items).toMatchObject([{ email: invitedOne.email, status: 'invited' }]);
  });

  it('refuses an unknown status, a bad cursor and a bad id with 422', async () => {
    expect((await admin.get('/api/admin/subscribers?status=vip')).statusCode).toBe(422);
    expect((await admin.get('/api/admin/subscribers?cursor=nonsense')).statusCode).toBe(422);
    expect((await admin.post('/api/admin/subscribers/not-an-id/invite')).statusCode).toBe(422);
    expect((await admin.post('/api/admin/subscribers/invite', { ids: [] })).statusCode).toBe(422);
  });

  it('exports the filtered list as CSV, defusing spreadsheet formulas', async () => {
    const email = uniqueEmail(`csv-${tag}.test`);
    await subscribe(email, '-formula');
    const response = await admin.get(`/api/admin/subscribers.csv?q=csv-${tag}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename=".+\.csv"/);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,email,status,source,createdAt,invitedAt,joinedAt');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(`^[0-9a-f-]{36},${email.replace(/[.]/g, '\\.')},waiting,'-formula,\\d{4}-`),
    );
  });

  it('invites one subscriber by email, again on request, but not once they have joined', async () => {
    const email = uniqueEmail();
    const { id } = await subscribe(email);
    const response = await admin.post(`/api/admin/subscribers/${id}/invite`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, email, status: 'invited', joinedAt: null });
    const mail = await waitForMail(t.db, email, 'subscriber_invite');
    expect(mail.textBody).toContain(`/signup?email=${encodeURIComponent(email)}`);
    expect((await admin.post(`/api/admin/subscribers/${id}/invite`)).statusCode).toBe(200);

    await signUp(createHttpClient(t.app, { origin }), { email });
    const joined = await admin.post(`/api/admin/subscribers/${id}/invite`);
    expect(joined.statusCode).toBe(409);
    expect(joined.json().error.code).toBe('already_joined');

    const bulk = await admin.post('/api/admin/subscribers/invite', {
      ids: [id, (await subscribe(uniqueEmail())).id],
    });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().items).toHaveLength(1);
    expect(bulk.json().items[0].status).toBe('invited');
  });

  it('deletes a subscriber; a second delete or an invitation of the deleted one is 404', async () => {
    const { id } = await subscribe(uniqueEmail());
    expect((await admin.delete(`/api/admin/subscribers/${id}`)).statusCode).toBe(204);
    const again = await admin.delete(`/api/admin/subscribers/${id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('not_found');
    expect((await admin.post(`/api/admin/subscribers/${id}/invite`)).statusCode).toBe(404);
  });
});
