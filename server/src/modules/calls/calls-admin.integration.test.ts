import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../../../test/support/accounts';
import {
  findCall,
  newCaller,
  placeCall,
  SANDBOX_SECRET,
  sendWebhook,
  statusParams,
  waitForSettled,
} from '../../../test/support/calls';
import { createHttpClient, type HttpClient } from '../../../test/support/http-client';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

const STATUS = '/api/webhooks/twilio/status';

describe('the admin API of calls', () => {
  let t: TestApp;
  let admin: HttpClient;
  const adminEmail = uniqueEmail('mobayilo.test', 'admin');
  const origin = 'http://localhost:3000';

  beforeAll(async () => {
    t = await createTestApp({ work: true, env: { ADMIN_EMAILS: adminEmail, SANDBOX_SECRET } });
    admin = createHttpClient(t.app, { origin });
    await signUp(admin, { email: adminEmail });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is for platform admins only, refused before the query is read', async () => {
    const anonymous = createHttpClient(t.app, { origin });
    const member = createHttpClient(t.app, { origin });
    await signUp(member, { email: uniqueEmail() });
    for (const url of ['/api/admin/calls?status=nope', `/api/admin/calls/not-an-id`]) {
      expect((await anonymous.get(url)).statusCode).toBe(401);
      expect((await member.get(url)).json().error.code).toBe('forbidden');
      expect((await admin.get(url)).statusCode).toBe(422);
    }
    expect((await admin.get('/api/admin/calls?from=yesterday')).statusCode).toBe(422);
    expect((await admin.get(`/api/admin/calls/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('finds calls by number, CallSid or account, filtered by status and time, page by page', async () => {
    const caller = await newCaller(t, { cents: 500 });
    const first = await placeCall(t, caller, '+12025550100');
    const second = await placeCall(t, caller, '+12025550177');

    const byAccount = (await admin.get(`/api/admin/calls?q=${caller.accountId}&limit=1`)).json();
    expect(byAccount.items.map((call: { callSid: string }) => call.callSid)).toEqual([second.callSid]);
    const next = (
      await admin.get(
        `/api/admin/calls?q=${caller.accountId}&limit=1&cursor=${encodeURIComponent(byAccount.nextCursor)}`,
      )
    ).json();
    expect(next.items.map((call: { callSid: string }) => call.callSid)).toEqual([first.callSid]);

    const byNumber = (await admin.get(`/api/admin/calls?q=${encodeURIComponent('202 555 0177')}`)).json();
    expect(byNumber.items.map((call: { callSid: string }) => call.callSid)).toContain(second.callSid);
    const bySid = (await admin.get(`/api/admin/calls?q=${first.callSid}`)).json();
    expect(bySid.items).toEqual([expect.objectContaining({ callSid: first.callSid, to: '+12025550100' })]);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await admin.get(`/api/admin/calls?q=${caller.accountId}&from=${future}`)).json().items).toEqual(
      [],
    );
    expect((await admin.get(`/api/admin/calls?q=${caller.accountId}&status=completed`)).json().items).toEqual(
      [],
    );
  });

  it('shows a call with its timeline and the provider events behind it', async () => {
    const caller = await newCaller(t, { cents: 500 });
    const { callSid } = await placeCall(t, caller, '+12025550100');
    await sendWebhook(t, STATUS, statusParams(callSid, 'in-progress', { sequence: 1 }));
    await sendWebhook(t, STATUS, statusParams(callSid, 'completed', { sequence: 2, duration: 30 }));
    await waitForSettled(t, callSid);
    const call = await findCall(t, callSid);

    const response = await admin.get(`/api/admin/calls/${call?.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(detail.call).toMatchObject({ callSid, status: 'completed', billedMinutes: 1 });
    expect(detail.timeline.map((step: { what: string }) => step.what)).toEqual([
      expect.stringContaining('Placed to +12025550100'),
      'Answered',
      'Ended: completed',
      expect.stringContaining('Settled: 1 min billed'),
    ]);
    expect(
      detail.events.map((event: { type: string; status: string }) => [event.type, event.status]),
    ).toEqual([
      ['call.status', 'processed'],
      ['call.status', 'processed'],
    ]);
  });
});
