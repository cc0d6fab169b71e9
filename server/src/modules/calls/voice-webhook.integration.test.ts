import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSeat,
  countCalls,
  findCall,
  newCaller,
  newCallSid,
  placeCall,
  SANDBOX_SECRET,
  sendWebhook,
  voiceParams,
} from '../../../test/support/calls';
import { ledgerFootprint } from '../../../test/support/ledger';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

const VOICE = '/api/webhooks/twilio/voice';
const US = '+12025550100';

function dialOf(twiml: string) {
  const dial = /<Dial([^>]*)>/.exec(twiml)?.[1] ?? '';
  const attributes = Object.fromEntries([...dial.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const number = /<Number[^>]*>([^<]*)<\/Number>/.exec(twiml)?.[1];
  return { attributes, number };
}

function spoken(twiml: string): string | undefined {
  return /<Say>([^<]*)<\/Say><Hangup\/>/.exec(twiml)?.[1]?.replace(/&apos;/g, "'");
}

describe('the voice webhook', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SANDBOX_SECRET }, captureLogs: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('dials the number under a hold for the whole minutes the wallet affords', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const { callSid, twiml } = await placeCall(t, caller, US);
    expect(twiml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        '<Dial callerId="+15005550006" timeLimit="3000" timeout="30" answerOnBridge="true" ' +
        'action="http://localhost:3000/api/webhooks/twilio/dial-action" method="POST">' +
        '<Number statusCallback="http://localhost:3000/api/webhooks/twilio/status" statusCallbackMethod="POST" ' +
        'statusCallbackEvent="initiated ringing answered completed">+12025550100</Number></Dial></Response>',
    );
    const call = await findCall(t, callSid);
    expect(call).toMatchObject({
      accountId: caller.accountId,
      userId: caller.userId,
      membershipId: caller.membershipId,
      toE164: US,
      country: 'US',
      destination: 'United States — Landline & mobile',
      callerId: '+15005550006',
      status: 'initiated',
      rateMicros: 20_000,
      holdCents: 100,
      timeLimitSeconds: 3000,
      settledAt: null,
    });
    expect(await t.modules.ledger.service.walletSummary(caller.accountId)).toMatchObject({
      balanceCents: 100,
      heldCents: 100,
      availableCents: 0,
    });
  });

  it('caps a call at MAX_CALL_MINUTES whatever the balance', async () => {
    const caller = await newCaller(t, { cents: 2000 });
    const { callSid, twiml } = await placeCall(t, caller, US);
    expect(dialOf(twiml).attributes.timeLimit).toBe('7200');
    expect(await findCall(t, callSid)).toMatchObject({ holdCents: 240, timeLimitSeconds: 7200 });
  });

  it('normalises the number the browser sent', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const { twiml } = await placeCall(t, caller, '+1 (202) 555-0100');
    expect(dialOf(twiml).number).toBe(US);
  });

  it('chooses the caller ID itself: whatever the browser sends as caller ID is ignored', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const params = {
      ...voiceParams(caller, US),
      callerId: '+447911123456',
      CallerId: '+447911123456',
      CallerID: '+447911123456',
    };
    const response = await sendWebhook(t, VOICE, params);
    expect(dialOf(response.body).attributes.callerId).toBe('+15005550006');
    expect((await findCall(t, params.CallSid))?.callerId).toBe('+15005550006');
  });

  it('answers a retried request for the same call the same way, with one call and one hold', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const params = voiceParams(caller, US);
    const [first, second] = await Promise.all([sendWebhook(t, VOICE, params), sendWebhook(t, VOICE, params)]);
    const third = await sendWebhook(t, VOICE, params);
    expect(second?.body).toBe(first?.body);
    expect(third.body).toBe(first?.body);
    expect(dialOf(first?.body ?? '').attributes.timeLimit).toBe('3000');
    const { rows } = await t.database.pool.query(
      `select count(*)::int as n from holds where idempotency_key = $1`,
      [`call-hold:${params.CallSid}`],
    );
    expect(rows[0].n).toBe(1);
    expect((await t.modules.ledger.service.walletSummary(caller.accountId)).heldCents).toBe(100);
  });

  it('refuses with a spoken message when the wallet cannot pay for one minute, holding nothing', async () => {
    const broke = await newCaller(t, { cents: 1 });
    const never = await newCaller(t);
    for (const caller of [broke, never]) {
      const before = await ledgerFootprint(t.database.pool);
      const calls = await countCalls(t);
      const { twiml } = await placeCall(t, caller, US);
      expect(spoken(twiml)).toBe("You don't have enough credit for this call. Please top up and try again.");
      expect(await countCalls(t)).toBe(calls);
      expect(await ledgerFootprint(t.database.pool)).toEqual(before);
    }
    expect(t.logs).toContainEqual(
      expect.objectContaining({
        msg: 'call refused',
        reason: 'insufficient_funds',
        accountId: broke.accountId,
      }),
    );
  });

  it('refuses premium-rate numbers and the default high-risk prefixes', async () => {
    const caller = await newCaller(t, { cents: 1000 });
    const { twiml } = await placeCall(t, caller, '+19005550100');
    expect(spoken(twiml)).toBe('Calls to this number are not allowed.');
    expect(t.logs).toContainEqual(
      expect.objectContaining({ msg: 'call refused', reason: 'destination_blocked', level: 40 }),
    );
  });

  it('refuses callers it cannot resolve: another kind of client, an unknown seat', async () => {
    const calls = await countCalls(t);
    for (const identity of ['alice', 'm_0b7c4f1e-3c9d-4a7e-9f3b-2d1c0e9a8b7c']) {
      const { twiml } = await placeCall(t, { identity }, US);
      expect(spoken(twiml)).toBe('This account cannot place calls. Goodbye.');
    }
    expect(await countCalls(t)).toBe(calls);
  });

  it('refuses a seat once it was removed from its company', async () => {
    const domain = `removed-${Date.now().toString(36)}.test`;
    const owner = await newCaller(t, { cents: 500, kind: 'company', domain });
    const seat = await addSeat(t, owner, domain);
    expect((await placeCall(t, seat, US)).twiml).toContain('<Dial');
    expect((await owner.client.delete(`/api/account/members/${seat.membershipId}`)).statusCode).toBe(204);
    expect(spoken((await placeCall(t, seat, US)).twiml)).toBe('This account cannot place calls. Goodbye.');
  });

  it('refuses a number that is not valid, saying so', async () => {
    const caller = await newCaller(t, { cents: 100 });
    for (const to of ['', '+1202', 'hello']) {
      const { twiml } = await placeCall(t, caller, to);
      expect(spoken(twiml)).toBe("That number isn't valid. Please check it and try again.");
    }
  });
});

describe('the voice webhook’s signature check', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SANDBOX_SECRET } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function footprint() {
    const { rows } = await t.database.pool.query(
      'select (select count(*)::int from calls) as calls, (select count(*)::int from provider_events) as events',
    );
    return { ...rows[0], ledger: await ledgerFootprint(t.database.pool) };
  }

  it('accepts a correctly signed request', async () => {
    const caller = await newCaller(t, { cents: 100 });
    expect((await sendWebhook(t, VOICE, voiceParams(caller, US))).statusCode).toBe(200);
  });

  it('refuses a missing, tampered, mis-addressed or wrongly keyed signature with 403, storing nothing', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const params = voiceParams(caller, US);
    const before = await footprint();
    const url = `${t.config.http.publicUrl}${VOICE}`;
    const forged = [
      sendWebhook(t, VOICE, params, { signature: null }),
      sendWebhook(t, VOICE, params, { signature: '' }),
      // Signed for one number, sent with another.
      sendWebhook(t, VOICE, params, {
        signature: (await import('../../providers/telephony/twilio/twilio-signature.util')).signWebhook(
          SANDBOX_SECRET,
          url,
          { ...params, To: '+12025550199' },
        ),
      }),
      sendWebhook(t, VOICE, params, { signedUrl: 'https://attacker.example/api/webhooks/twilio/voice' }),
      sendWebhook(t, VOICE, params, { signedUrl: `${url}?extra=1` }),
      sendWebhook(t, VOICE, params, { secret: 'not-the-sandbox-secret-but-long-enough' }),
    ];
    for (const response of await Promise.all(forged)) {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
    const status = await sendWebhook(
      t,
      '/api/webhooks/twilio/status',
      { CallSid: newCallSid(), CallStatus: 'completed', CallDuration: '60' },
      { secret: 'not-the-sandbox-secret-but-long-enough' },
    );
    expect(status.statusCode).toBe(403);
    expect(await footprint()).toEqual(before);
  });

  it('checks the signature before the parameters: a forged request with bad parameters is still 403', async () => {
    const response = await sendWebhook(t, VOICE, { CallSid: 'nonsense' }, { signature: 'forged' });
    expect(response.statusCode).toBe(403);
  });

  it('answers 422 to a signed request that lacks what it needs', async () => {
    const response = await sendWebhook(t, VOICE, { From: 'client:m_x' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('needs no session or CSRF token: the signature is the credential', async () => {
    const caller = await newCaller(t, { cents: 100 });
    const response = await sendWebhook(t, VOICE, voiceParams(caller, US));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
  });
});
