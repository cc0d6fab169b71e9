import type { CallItem, CallsResponse, SandboxCall } from '@mobayilo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaller, SANDBOX_SECRET, type TestCaller, waitForSettled } from '../../../test/support/calls';
import { freePort } from '../../../test/support/free-port';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { waitFor } from '../../../test/support/wait';

/** Calls that must not get lost: hung up by id after a reload, or ended when their browser leg is gone. */
describe('ending a call the browser no longer holds', () => {
  let t: TestApp;
  beforeAll(async () => {
    const port = await freePort();
    t = await createTestApp({
      work: true,
      env: { SANDBOX_SECRET, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
    });
    await t.app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function answeredCall(caller: TestCaller) {
    const { token } = (await caller.client.get('/api/calls/token')).json();
    const auth = { authorization: `Bearer ${token}` };
    const call = (
      await caller.client.post('/api/sandbox/calls', { to: '+12025550100' }, auth)
    ).json<SandboxCall>();
    await waitFor(async () => {
      const view = (await caller.client.get(`/api/sandbox/calls/${call.callSid}`, auth)).json<SandboxCall>();
      return view.status === 'open' ? view : undefined;
    });
    const item = await waitFor(async () => {
      const items = (await caller.client.get('/api/calls')).json<CallsResponse>().items;
      return items.find((entry) => entry.callSid === call.callSid && entry.status === 'in_progress');
    });
    return { call, item, auth };
  }

  it('hangs up the caller’s own call by id, which then settles and releases its hold', async () => {
    const caller = await newCaller(t, { cents: 500 });
    const { call, item } = await answeredCall(caller);
    expect((await t.modules.ledger.service.walletSummary(caller.accountId)).heldCents).toBeGreaterThan(0);

    const response = await caller.client.post(`/api/calls/${item.id}/hangup`, {});
    expect(response.statusCode).toBe(200);
    expect(response.json<CallItem>()).toMatchObject({ id: item.id, callSid: call.callSid });
    expect(await waitForSettled(t, call.callSid)).toMatchObject({ status: 'completed', billedMinutes: 1 });
    expect(await t.modules.ledger.service.walletSummary(caller.accountId)).toMatchObject({
      balanceCents: 498,
      heldCents: 0,
    });
    // Hanging up an ended call changes nothing.
    const again = await caller.client.post(`/api/calls/${item.id}/hangup`, {});
    expect(again.statusCode).toBe(200);
    expect(again.json<CallItem>().status).toBe('completed');
  });

  it('answers 404 for another person’s call, an unknown id and a malformed one, and 401 signed out', async () => {
    const owner = await newCaller(t, { cents: 500 });
    const stranger = await newCaller(t, { cents: 500 });
    const { call, item, auth } = await answeredCall(owner);
    const refused = await stranger.client.post(`/api/calls/${item.id}/hangup`, {});
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error).toMatchObject({ code: 'not_found', message: 'There is no such call.' });
    const view = (await owner.client.get(`/api/sandbox/calls/${call.callSid}`, auth)).json<SandboxCall>();
    expect(view.status).toBe('open');
    const unknown = await owner.client.post('/api/calls/00000000-0000-4000-8000-000000000000/hangup', {});
    expect(unknown.statusCode).toBe(404);
    expect((await owner.client.post('/api/calls/nonsense/hangup', {})).statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/calls/${item.id}/hangup` });
    expect([401, 403]).toContain(anonymous.statusCode);
    await owner.client.post(`/api/calls/${item.id}/hangup`, {});
    await waitForSettled(t, call.callSid);
  });

  it('ends a call whose browser leg stopped asking about it, and releases its hold', async () => {
    const caller = await newCaller(t, { cents: 500 });
    const { call } = await answeredCall(caller);
    // The browser is gone: nobody polls the call any more.
    const settled = await waitForSettled(t, call.callSid, 30_000);
    expect(settled).toMatchObject({ status: 'completed' });
    expect((await t.modules.ledger.service.walletSummary(caller.accountId)).heldCents).toBe(0);
  }, 40_000);
});
