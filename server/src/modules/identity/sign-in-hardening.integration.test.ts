import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, strongPassword, uniqueEmail } from '../../../test/support/accounts';
import { createHttpClient } from '../../../test/support/http-client';
import { linkTokenIn, waitForMail } from '../../../test/support/mail';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { accountDomains, memberships } from './tables';

describe('sign-in hardening', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ work: true, env: { ADMIN_EMAILS: 'root@mobayilo.test' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const client = (ip?: string) => createHttpClient(t.app, { origin: t.config.http.publicUrl, ip });
  const domain = () => `co-${randomUUID().slice(0, 8)}.test`;

  async function magicLink(email: string, after?: Date) {
    await client().post('/api/auth/email', { email });
    return waitForMail(t.db, email, 'magic_link', after ? { after } : {});
  }

  it('never answers the inviter a sign-in link; someone already on Mobayilo joins only on accepting', async () => {
    const companyDomain = domain();
    const owner = client();
    const me = await signUp(owner, {
      email: uniqueEmail(companyDomain, 'owner'),
      accountType: 'company',
      companyName: 'Initech',
    });
    const seatEmail = uniqueEmail(companyDomain, 'seat');
    const added = await owner.post('/api/account/seats', { email: seatEmail });
    const [membership] = (await owner.get('/api/account/members'))
      .json()
      .items.filter((member: { email: string }) => member.email === seatEmail);
    // The seat is removed: the account's user stays, without an active membership.
    expect((await owner.delete(`/api/account/members/${membership.id}`)).statusCode).toBe(204);

    const again = await owner.post('/api/account/seats', { email: seatEmail });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual({ status: 'invited', member: null });
    for (const response of [added, again]) expect(response.body).not.toMatch(/magic|token|http/i);
    const seatIds = async () =>
      (await t.db.select().from(memberships).where(eq(memberships.accountId, me.account.id))).filter(
        (row) => row.removedAt === null && row.role === 'seat',
      );
    expect(await seatIds()).toEqual([]);

    const mail = await waitForMail(t.db, seatEmail, 'company_invite');
    expect(mail.textBody).toContain('Nothing changes unless you accept');
    const accepted = await client().post('/api/auth/magic', { token: linkTokenIn(mail.textBody) });
    expect(accepted.json()).toMatchObject({ account: { id: me.account.id }, membership: { role: 'seat' } });
  });

  it('expires the other outstanding sign-in links when one is used', async () => {
    const email = uniqueEmail();
    const older = await magicLink(email);
    const newer = await magicLink(email, older.createdAt);
    expect((await client().post('/api/auth/magic', { token: linkTokenIn(newer.textBody) })).statusCode).toBe(
      200,
    );
    const stale = await client().post('/api/auth/magic', { token: linkTokenIn(older.textBody) });
    expect(stale.statusCode).toBe(410);
    expect(stale.json().error.code).toBe('link_expired');
  });

  it('expires outstanding links at a password sign-in of a confirmed address', async () => {
    const email = uniqueEmail();
    await signUp(client(), { email });
    const link = await magicLink(email);
    expect((await client().post('/api/auth/signin', { email, password: strongPassword })).statusCode).toBe(
      200,
    );
    expect((await client().post('/api/auth/magic', { token: linkTokenIn(link.textBody) })).statusCode).toBe(
      410,
    );
  });

  it('throttles guesses for an address without refusing the right password where it signed in before', async () => {
    const email = uniqueEmail();
    const browser = client('10.1.0.1');
    await signUp(browser, { email });
    for (let attempt = 0; attempt < 10; attempt++) {
      const guess = await client(`10.2.0.${attempt + 1}`).post('/api/auth/signin', {
        email,
        password: `wrong guess ${attempt}`,
      });
      expect(guess.statusCode).toBe(401);
    }
    const stranger = await client('10.3.0.1').post('/api/auth/signin', { email, password: strongPassword });
    expect(stranger.statusCode).toBe(429);
    expect(stranger.json().error.code).toBe('rate_limited');

    expect((await browser.post('/api/auth/signout')).statusCode).toBe(204);
    const own = await browser.post('/api/auth/signin', { email, password: strongPassword });
    expect(own.statusCode).toBe(200);

    const link = await magicLink(email);
    expect(
      (await client('10.4.0.1').post('/api/auth/magic', { token: linkTokenIn(link.textBody) })).statusCode,
    ).toBe(200);
  });

  it('leaves a domain claimed by two confirmed companies with its holder, and lists the conflict for admins', async () => {
    const contested = domain();
    const first = await signUp(client(), {
      email: uniqueEmail(contested, 'ceo'),
      accountType: 'company',
      companyName: 'First Acme',
    });
    const secondOwner = client();
    const second = await signUp(secondOwner, {
      email: uniqueEmail(contested, 'cfo'),
      accountType: 'company',
      companyName: 'Second Acme',
    });
    const holders = await t.db.select().from(accountDomains).where(eq(accountDomains.domain, contested));
    expect(holders.map((row) => row.accountId)).toEqual([first.account.id]);
    const put = await secondOwner.put('/api/account/domains', { domains: [contested] });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ domains: [], domainsInReview: [contested] });

    const admin = client();
    await signUp(admin, { email: 'root@mobayilo.test' });
    const conflicts = await admin.get('/api/admin/domain-conflicts');
    expect(conflicts.statusCode).toBe(200);
    expect(conflicts.json().items).toContainEqual(
      expect.objectContaining({
        domain: contested,
        claimant: expect.objectContaining({ id: second.account.id, name: 'Second Acme' }),
        holder: { id: first.account.id, name: 'First Acme' },
      }),
    );
    expect((await secondOwner.get('/api/admin/domain-conflicts')).statusCode).toBe(403);
    expect((await client().get('/api/admin/domain-conflicts')).statusCode).toBe(401);
  });
});
