import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../../../test/support/accounts';
import { createHttpClient, type HttpClient } from '../../../test/support/http-client';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import type { AuditEntry } from './audit.service';

type Page = { items: AuditEntry[]; nextCursor: string | null };

describe('the audit log', () => {
  let t: TestApp;
  let admin: HttpClient;
  let member: HttpClient;
  let adminId: string;
  let memberAccountId: string;
  const adminEmail = uniqueEmail('mobayilo.test', 'admin');
  const origin = 'http://localhost:3000';

  async function auditRowsFor(target: string) {
    const page = (await admin.get(`/api/admin/audit?q=${encodeURIComponent(target)}`)).json() as Page;
    return page.items;
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_EMAILS: adminEmail } });
    admin = createHttpClient(t.app, { origin });
    member = createHttpClient(t.app, { origin });
    adminId = (await signUp(admin, { email: adminEmail })).user.id;
    memberAccountId = (await signUp(member, { email: uniqueEmail() })).account.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('is for platform admins only: 401 signed out, 403 for everyone else, before the query is read', async () => {
    const anonymous = createHttpClient(t.app, { origin });
    expect((await anonymous.get('/api/admin/audit?limit=nope')).statusCode).toBe(401);
    const forbidden = await member.get('/api/admin/audit?limit=nope');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('forbidden');
    const invalid = await admin.get('/api/admin/audit?limit=nope');
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error.code).toBe('validation_failed');
    expect((await admin.get('/api/admin/audit?cursor=bogus')).statusCode).toBe(422);
  });

  it('records a wallet adjustment with the admin, the reason and the balance before and after', async () => {
    const response = await admin.post(`/api/admin/accounts/${memberAccountId}/adjustments`, {
      amountCents: 500,
      reason: 'Goodwill for a dropped call',
      idempotencyKey: `goodwill-${randomUUID()}`,
    });
    expect(response.statusCode, response.body).toBe(201);
    const [entry] = await auditRowsFor(`account:${memberAccountId}`);
    expect(entry).toMatchObject({
      actor: { id: adminId, email: adminEmail },
      action: 'wallet.adjust',
      target: `account:${memberAccountId}`,
      reason: 'Goodwill for a dropped call',
      details: {
        amountCents: 500,
        transferId: response.json().transferId,
        balanceBeforeCents: 0,
        balanceAfterCents: 500,
      },
    });
  });

  it('leaves no audit row when the adjustment is refused, and none for a replay', async () => {
    const accountId = (await signUp(createHttpClient(t.app, { origin }), { email: uniqueEmail() })).account
      .id;
    const refused = await admin.post(`/api/admin/accounts/${accountId}/adjustments`, {
      amountCents: -100,
      reason: 'Chargeback',
      idempotencyKey: `chargeback-${randomUUID()}`,
    });
    expect(refused.json().error.code).toBe('insufficient_funds');
    expect(await auditRowsFor(`account:${accountId}`)).toEqual([]);

    const body = { amountCents: 300, reason: 'Promotion', idempotencyKey: `promo-${randomUUID()}` };
    expect((await admin.post(`/api/admin/accounts/${accountId}/adjustments`, body)).statusCode).toBe(201);
    expect((await admin.post(`/api/admin/accounts/${accountId}/adjustments`, body)).statusCode).toBe(200);
    expect(await auditRowsFor(`account:${accountId}`)).toHaveLength(1);
  });

  it('records waitlist invitations and deletions in their transactions', async () => {
    const email = uniqueEmail('waitlist.test');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/subscribe', payload: { email } })).statusCode,
    ).toBe(201);
    const list = (await admin.get(`/api/admin/subscribers?q=${encodeURIComponent(email)}`)).json() as {
      items: { id: string }[];
    };
    const id = list.items[0]?.id ?? '';
    expect((await admin.post(`/api/admin/subscribers/${id}/invite`)).statusCode).toBe(200);
    expect((await admin.delete(`/api/admin/subscribers/${id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/admin/subscribers/${id}`)).statusCode).toBe(404);
    const entries = await auditRowsFor(`subscriber:${id}`);
    expect(entries.map((entry) => entry.action)).toEqual(['subscriber.delete', 'subscriber.invite']);
    expect(entries[1]?.details).toMatchObject({ email, statusBefore: 'waiting', statusAfter: 'invited' });
  });

  it('searches by the admin and pages newest first', async () => {
    const accountId = (await signUp(createHttpClient(t.app, { origin }), { email: uniqueEmail() })).account
      .id;
    for (const amountCents of [100, 200, 300]) {
      await admin.post(`/api/admin/accounts/${accountId}/adjustments`, {
        amountCents,
        reason: `Paged credit ${amountCents}`,
        idempotencyKey: `paged-${randomUUID()}`,
      });
    }
    const first = (await admin.get(`/api/admin/audit?q=${accountId}&limit=2`)).json() as Page;
    expect(first.items.map((entry) => entry.details.amountCents)).toEqual([300, 200]);
    const second = (
      await admin.get(
        `/api/admin/audit?q=${accountId}&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
      )
    ).json() as Page;
    expect(second.items.map((entry) => entry.details.amountCents)).toEqual([100]);
    expect(second.nextCursor).toBeNull();
    const byAdmin = (await admin.get(`/api/admin/audit?q=${encodeURIComponent(adminEmail)}`)).json() as Page;
    expect(byAdmin.items.length).toBeGreaterThanOrEqual(3);
  });

  it('cannot be changed or emptied, by any client of the database', async () => {
    await admin.post(`/api/admin/accounts/${memberAccountId}/adjustments`, {
      amountCents: 1,
      reason: 'Rounding',
      idempotencyKey: `rounding-${randomUUID()}`,
    });
    for (const statement of [
      "update audit_log set reason = 'changed'",
      'delete from audit_log',
      'truncate audit_log',
    ]) {
      await expect(t.database.pool.query(statement)).rejects.toThrow(/append-only/);
    }
  });
});
