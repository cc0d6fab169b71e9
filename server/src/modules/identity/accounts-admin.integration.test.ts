import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../../../test/support/accounts';
import { newCaller, placeCall, SANDBOX_SECRET } from '../../../test/support/calls';
import { createHttpClient, type HttpClient } from '../../../test/support/http-client';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

const US = '+12025550100';

function spoken(twiml: string): string | undefined {
  return /<Say>([^<]*)<\/Say><Hangup\/>/.exec(twiml)?.[1]?.replace(/&apos;/g, "'");
}

describe('suspending and unsuspending accounts', () => {
  let t: TestApp;
  let admin: HttpClient;
  const adminEmail = uniqueEmail('mobayilo.test', 'admin');
  const origin = 'http://localhost:3000';

  async function auditOf(accountId: string) {
    const response = await admin.get(`/api/admin/audit?q=account:${accountId}`);
    return response.json().items as { action: string; reason: string; details: Record<string, unknown> }[];
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_EMAILS: adminEmail, SANDBOX_SECRET } });
    admin = createHttpClient(t.app, { origin });
    await signUp(admin, { email: adminEmail });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is for platform admins only, refused before the body is read', async () => {
    const caller = await newCaller(t);
    const anonymous = createHttpClient(t.app, { origin });
    const member = createHttpClient(t.app, { origin });
    await signUp(member, { email: uniqueEmail() });
    for (const action of ['suspend', 'unsuspend']) {
      const url = `/api/admin/accounts/${caller.accountId}/${action}`;
      expect((await anonymous.post(url, {})).statusCode).toBe(401);
      const forbidden = await member.post(url, {});
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().error.code).toBe('forbidden');
    }
  });

  it('asks for a reason and a real account', async () => {
    const caller = await newCaller(t);
    const noReason = await admin.post(`/api/admin/accounts/${caller.accountId}/suspend`, { reason: ' ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.code).toBe('validation_failed');
    expect((await admin.post('/api/admin/accounts/not-an-id/suspend', { reason: 'Fraud' })).statusCode).toBe(
      422,
    );
    const missing = await admin.post(`/api/admin/accounts/${randomUUID()}/suspend`, { reason: 'Fraud' });
    expect(missing.statusCode).toBe(404);
    expect(await auditOf(caller.accountId)).toEqual([]);
  });

  it('stops a suspended account from getting a token or placing a call, in words, until unsuspended', async () => {
    const caller = await newCaller(t, { cents: 500 });
    expect((await caller.client.get('/api/calls/token')).statusCode).toBe(200);

    const suspended = await admin.post(`/api/admin/accounts/${caller.accountId}/suspend`, {
      reason: 'Chargebacks from stolen cards',
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toEqual({ id: caller.accountId, status: 'suspended' });

    const token = await caller.client.get('/api/calls/token');
    expect(token.statusCode).toBe(403);
    expect(token.json().error).toMatchObject({
      code: 'account_suspended',
      message: 'This account is suspended and cannot place calls. Please contact support.',
    });
    const { twiml } = await placeCall(t, caller, US);
    expect(spoken(twiml)).toBe('This account is suspended and cannot place calls. Please contact support.');

    const again = await admin.post(`/api/admin/accounts/${caller.accountId}/suspend`, { reason: 'Twice' });
    expect(again.statusCode).toBe(409);

    const lifted = await admin.post(`/api/admin/accounts/${caller.accountId}/unsuspend`, {
      reason: 'Cards verified',
    });
    expect(lifted.json()).toEqual({ id: caller.accountId, status: 'active' });
    expect((await caller.client.get('/api/calls/token')).statusCode).toBe(200);

    const entries = await auditOf(caller.accountId);
    expect(entries.map((entry) => [entry.action, entry.reason, entry.details])).toEqual([
      [
        'account.unsuspend',
        'Cards verified',
        expect.objectContaining({ statusBefore: 'suspended', statusAfter: 'active' }),
      ],
      [
        'account.suspend',
        'Chargebacks from stolen cards',
        expect.objectContaining({ statusBefore: 'active', statusAfter: 'suspended' }),
      ],
    ]);
  });

  it('refuses to unsuspend an active account, writing no audit row', async () => {
    const caller = await newCaller(t);
    const response = await admin.post(`/api/admin/accounts/${caller.accountId}/unsuspend`, {
      reason: 'Oops',
    });
    expect(response.statusCode).toBe(409);
    expect(await auditOf(caller.accountId)).toEqual([]);
  });

  it("lists an account's members, and 404 for an unknown account", async () => {
    const caller = await newCaller(t);
    const response = await admin.get(`/api/admin/accounts/${caller.accountId}/members`);
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      { id: caller.membershipId, email: expect.stringContaining('@example.com'), role: 'owner' },
    ]);
    expect((await admin.get(`/api/admin/accounts/${randomUUID()}/members`)).statusCode).toBe(404);
  });
});
