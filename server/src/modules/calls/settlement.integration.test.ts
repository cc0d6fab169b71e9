import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findCall,
  newCaller,
  newCallSid,
  placeCall,
  SANDBOX_SECRET,
  sendWebhook,
  statusParams,
  type TestCaller,
  waitForInboxDrained,
  waitForSettled,
} from '../../../test/support/calls';
import { createTestClock } from '../../../test/support/clock';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

const STATUS = '/api/webhooks/twilio/status';
const DIAL_ACTION = '/api/webhooks/twilio/dial-action';
const US = '+12025550100';

describe('settling calls from the provider’s callbacks', () => {
  let t: TestApp;
  const clock = createTestClock();
  beforeAll(async () => {
    t = await createTestApp({ env: { SANDBOX_SECRET }, work: true, clock, captureLogs: true });
  });
  afterAll(async () => {
    await t.close();
  });

  async function transfersOf(callSid: string) {
    const { rows } = await t.database.pool.query(
      'select kind, amount_cents::int as amount, memo from transfers where reference = $1 order by seq',
      [callSid],
    );
    return rows;
  }

  async function callAndComplete(caller: TestCaller, seconds: number) {
    const { callSid } = await placeCall(t, caller, US);
    const childSid = newCallSid();
    for (const [sequence, status] of ['initiated', 'ringing', 'in-progress'].entries()) {
      const response = await sendWebhook(t, STATUS, statusParams(callSid, status, { childSid, sequence }));
      expect(response.statusCode).toBe(204);
    }
    await sendWebhook(
      t,
      STATUS,
      statusParams(callSid, 'completed', { childSid, sequence: 3, duration: seconds }),
    );
    return waitForSettled(t, callSid);
  }

  it.each([
    [0, 0, 0],
    [1, 1, 2],
    [60, 1, 2],
    [61, 2, 4],
  ])(
    'bills a %i-second call as %i minute(s): %i cents, captured from its hold',
    async (seconds, minutes, cents) => {
      const caller = await newCaller(t, { cents: 100 });
      const call = await callAndComplete(caller, seconds);
      expect(call).toMatchObject({
        status: 'completed',
        durationSeconds: seconds,
        billedMinutes: minutes,
        costCents: cents,
        writtenOffCents: 0,
      });
      expect(call.childCallSid).toMatch(/^CA/);
      // Known from the answered event or, when the final one is applied first, from the duration.
      if (seconds > 0) expect(call.answeredAt).not.toBeNull();
      expect(await t.modules.ledger.service.walletSummary(caller.accountId)).toMatchObject({
        balanceCents: 100 - cents,
        heldCents: 0,
      });
      const transfers = await transfersOf(call.callSid);
      expect(transfers).toEqual(
        cents === 0
          ? []
          : [{ kind: 'call', amount: cents, memo: `Call to +1 202 555 0100 · ${minutes} min` }],
      );
    },
  );

  it('charges once however often the final callback comes, with the Dial action as well', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const { callSid } = await placeCall(t, caller, US);
    const childSid = newCallSid();
    const completed = statusParams(callSid, 'completed', { childSid, sequence: 3, duration: 90 });
    const dial = {
      AccountSid: completed.AccountSid,
      CallSid: callSid,
      DialCallSid: childSid,
      DialCallStatus: 'completed',
      DialCallDuration: '90',
      DialBridged: 'true',
    };
    const responses = await Promise.all([
      sendWebhook(t, STATUS, completed),
      sendWebhook(t, STATUS, completed),
      sendWebhook(t, DIAL_ACTION, dial),
      sendWebhook(t, DIAL_ACTION, dial),
    ]);
    expect(responses.map((response) => response.statusCode)).toEqual([204, 204, 200, 200]);
    expect(responses[2]?.body).toContain('<Hangup/>');
    await waitForInboxDrained(t);
    expect(await findCall(t, callSid)).toMatchObject({ costCents: 4, billedMinutes: 2 });
    expect(await transfersOf(callSid)).toHaveLength(1);
    expect((await t.modules.ledger.service.walletSummary(caller.accountId)).balanceCents).toBe(96);
    const { rows } = await t.database.pool.query(
      'select event_key from provider_events where event_key in ($1, $2) order by event_key',
      [`call-status:${childSid}:completed`, `call-dial:${callSid}`],
    );
    // The status once and the dial once, however often they were sent.
    expect(rows).toHaveLength(2);
  });

  it('never moves a call backwards: a late ringing or answer after completion changes nothing', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const { callSid } = await placeCall(t, caller, US);
    const childSid = newCallSid();
    await sendWebhook(t, STATUS, statusParams(callSid, 'completed', { childSid, sequence: 3, duration: 30 }));
    const settled = await waitForSettled(t, callSid);
    for (const [sequence, status] of ['in-progress', 'ringing', 'initiated'].entries()) {
      await sendWebhook(t, STATUS, statusParams(callSid, status, { childSid, sequence }));
    }
    await waitForInboxDrained(t);
    const after = await findCall(t, callSid);
    expect(after).toMatchObject({ status: 'completed', costCents: 2, settledAt: settled.settledAt });
    // Answered 30 seconds before the end, though the answer arrived after it.
    expect((after?.endedAt?.getTime() ?? 0) - (after?.answeredAt?.getTime() ?? 0)).toBe(30_000);
    const { rows } = await t.database.pool.query(
      `select status, outcome from provider_events where event_key = $1`,
      [`call-status:${childSid}:ringing`],
    );
    expect(rows[0]).toEqual({ status: 'ignored', outcome: 'ringing came after completed' });
  });

  it('moves forward through the statuses as they come', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const { callSid } = await placeCall(t, caller, US);
    await sendWebhook(t, STATUS, statusParams(callSid, 'ringing'));
    await waitForInboxDrained(t);
    expect((await findCall(t, callSid))?.status).toBe('ringing');
    await sendWebhook(t, STATUS, statusParams(callSid, 'in-progress'));
    await waitForInboxDrained(t);
    expect(await findCall(t, callSid)).toMatchObject({ status: 'in_progress', settledAt: null });
    expect((await findCall(t, callSid))?.answeredAt).not.toBeNull();
  });

  it.each(['busy', 'no-answer', 'failed', 'canceled'])(
    'charges nothing for a %s call and releases its hold',
    async (status) => {
      const caller = await newCaller(t, { cents: 100 });
      const { callSid } = await placeCall(t, caller, US);
      await sendWebhook(t, STATUS, statusParams(callSid, status, { duration: 0 }));
      const call = await waitForSettled(t, callSid);
      expect(call).toMatchObject({ status: status.replace('-', '_'), costCents: 0, billedMinutes: 0 });
      expect(await t.modules.ledger.service.walletSummary(caller.accountId)).toMatchObject({
        balanceCents: 100,
        heldCents: 0,
      });
      expect(await transfersOf(callSid)).toEqual([]);
    },
  );

  it('settles from the Dial action alone when the status callbacks never come', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const { callSid } = await placeCall(t, caller, US);
    await sendWebhook(t, DIAL_ACTION, {
      CallSid: callSid,
      DialCallSid: newCallSid(),
      DialCallStatus: 'completed',
      DialCallDuration: '125',
    });
    expect(await waitForSettled(t, callSid)).toMatchObject({ costCents: 6, billedMinutes: 3 });
  });

  it('ignores a callback for a call it does not know', async () => {
    const parent = newCallSid();
    const response = await sendWebhook(t, STATUS, statusParams(parent, 'completed', { duration: 60 }));
    expect(response.statusCode).toBe(204);
    await waitForInboxDrained(t);
    const { rows } = await t.database.pool.query(
      `select status, outcome from provider_events where payload->>'ParentCallSid' = $1`,
      [parent],
    );
    expect(rows).toEqual([{ status: 'ignored', outcome: `no call ${parent}` }]);
  });

  it('never charges more than the hold: the rest is written off and logged as an error', async () => {
    const caller = await newCaller(t, { cents: 100 });
    // 100 cents hold 50 minutes; the provider reports 51.
    const call = await callAndComplete(caller, 3001);
    expect(call).toMatchObject({ holdCents: 100, billedMinutes: 51, costCents: 100, writtenOffCents: 2 });
    expect(await t.modules.ledger.service.walletSummary(caller.accountId)).toMatchObject({
      balanceCents: 0,
      heldCents: 0,
    });
    expect((await transfersOf(call.callSid)).map((row) => [row.kind, row.amount])).toEqual([
      ['call', 100],
      ['write_off', 2],
    ]);
    expect(t.logs).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'call cost more than its hold: the difference was written off',
        callSid: call.callSid,
        amountCents: 2,
      }),
    );
  });

  it('closes a call whose final callback never came by asking the provider', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const { callSid } = await placeCall(t, caller, US);
    const settlement = t.modules.calls.settlement;
    expect(await settlement.sweepStale()).toEqual({ checked: 0, settled: 0 });
    clock.advance(3 * 60_000);
    // The sandbox never dialed this call (the test sent the webhook itself): it ended unconnected.
    await settlement.sweepStale();
    expect(await findCall(t, callSid)).toMatchObject({ status: 'failed', costCents: 0 });
    expect((await t.modules.ledger.service.walletSummary(caller.accountId)).heldCents).toBe(0);
  });

  it('lets the ledger’s debit listeners (auto top-up) know that a call charged a wallet', async () => {
    const debited: string[] = [];
    t.modules.ledger.service.onWalletDebited(async (accountId) => {
      debited.push(accountId);
    });
    const caller = await newCaller(t, { cents: 100 });
    const { callSid } = await placeCall(t, caller, US);
    await t.modules.calls.settlement.applyChange({
      callSid,
      status: 'completed',
      childCallSid: null,
      at: clock.now(),
      durationSeconds: 5,
    });
    expect(debited).toContain(caller.accountId);
  });
});
