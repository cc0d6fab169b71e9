import type { CallsResponse, SandboxCall } from '@mobayilo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaller, SANDBOX_SECRET, type TestCaller, waitForSettled } from '../../../test/support/calls';
import { freePort } from '../../../test/support/free-port';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { waitFor } from '../../../test/support/wait';

/**
 * A call from the browser's sandbox device to the end of its settlement, over real HTTP: the sandbox telephony
 * calls our voice webhook and status callbacks at PUBLIC_URL, as Twilio would.
 */
describe('a call through the sandbox telephony', () => {
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

  async function dial(caller: TestCaller, to: string) {
    const { token } = (await caller.client.get('/api/calls/token')).json();
    const auth = { authorization: `Bearer ${token}` };
    const started = await caller.client.post('/api/sandbox/calls', { to }, auth);
    expect(started.statusCode).toBe(201);
    const call = started.json<SandboxCall>();
    const until = (status: SandboxCall['status']) =>
      waitFor(async () => {
        const view = (
          await caller.client.get(`/api/sandbox/calls/${call.callSid}`, auth)
        ).json<SandboxCall>();
        return view.status === status ? view : undefined;
      });
    return { call, auth, until };
  }

  it('connects, bills one started minute after a hang-up, and shows it in History and the wallet', async () => {
    const caller = await newCaller(t, { cents: 500 });
    const { call, auth, until } = await dial(caller, '+12025550100');
    expect(call.status).toBe('ringing');
    await until('open');
    const digits = await caller.client.post(
      `/api/sandbox/calls/${call.callSid}/digits`,
      { digits: '1#' },
      auth,
    );
    expect(digits.json()).toMatchObject({ digits: '1#' });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const hungUp = await caller.client.post(`/api/sandbox/calls/${call.callSid}/hangup`, {}, auth);
    expect(hungUp.json()).toMatchObject({ status: 'closed', outcome: 'completed' });

    const settled = await waitForSettled(t, call.callSid);
    expect(settled).toMatchObject({ status: 'completed', billedMinutes: 1, costCents: 2 });
    const history = (await caller.client.get('/api/calls')).json<CallsResponse>();
    expect(history.items[0]).toMatchObject({ callSid: call.callSid, billedMinutes: 1, costCents: 2 });
    expect(await t.modules.ledger.service.walletSummary(caller.accountId)).toMatchObject({
      balanceCents: 498,
      heldCents: 0,
    });
  });

  it('charges nothing for a busy number', async () => {
    const caller = await newCaller(t, { cents: 500 });
    const { call, until } = await dial(caller, '+12025550101');
    expect(await until('closed')).toMatchObject({ outcome: 'busy' });
    expect(await waitForSettled(t, call.callSid)).toMatchObject({ status: 'busy', costCents: 0 });
    expect((await t.modules.ledger.service.walletSummary(caller.accountId)).balanceCents).toBe(500);
  });

  it('passes on the spoken refusal of a blocked destination', async () => {
    const caller = await newCaller(t, { cents: 500 });
    const { call } = await dial(caller, '+19005550100');
    expect(call).toMatchObject({
      status: 'closed',
      outcome: 'refused',
      message: 'Calls to this number are not allowed.',
    });
  });

  it('admits only the sandbox’s own valid tokens, and shows a call only to its caller', async () => {
    const caller = await newCaller(t, { cents: 500 });
    const other = await newCaller(t, { cents: 500 });
    const { call } = await dial(caller, '+12025550101');
    const forged = await caller.client.post(
      '/api/sandbox/calls',
      { to: '+12025550100' },
      { authorization: 'Bearer x.y.z' },
    );
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ error: { code: 'invalid_token' } });
    const missing = await caller.client.post('/api/sandbox/calls', { to: '+12025550100' });
    expect(missing.statusCode).toBe(401);
    const { token } = (await other.client.get('/api/calls/token')).json();
    const peek = await other.client.get(`/api/sandbox/calls/${call.callSid}`, {
      authorization: `Bearer ${token}`,
    });
    expect(peek.statusCode).toBe(404);
    const badDigits = await other.client.post(
      `/api/sandbox/calls/${call.callSid}/digits`,
      { digits: 'abc' },
      { authorization: `Bearer ${token}` },
    );
    expect(badDigits.statusCode).toBe(422);
  });
});
