import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSeat,
  countCalls,
  findCall,
  newCaller,
  placeCall,
  SANDBOX_SECRET,
  sendWebhook,
  statusParams,
  waitForSettled,
} from '../../../test/support/calls';
import { createTestClock } from '../../../test/support/clock';
import { ledgerFootprint } from '../../../test/support/ledger';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

function spoken(twiml: string): string | undefined {
  return /<Say>([^<]*)<\/Say><Hangup\/>/.exec(twiml)?.[1]?.replace(/&apos;/g, "'");
}
const timeLimitOf = (twiml: string) => Number(/timeLimit="(\d+)"/.exec(twiml)?.[1]);

function refusalLogged(t: TestApp, reason: string) {
  expect(t.logs).toContainEqual(expect.objectContaining({ msg: 'call refused', reason, level: 40 }));
}

describe('toll-fraud controls on destinations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      captureLogs: true,
      env: {
        SANDBOX_SECRET,
        CALL_ALLOWED_COUNTRIES: 'US,GB,FR,FJ',
        CALL_BLOCKED_DESTINATIONS: 'FR,+4420',
        CALL_MAX_RATE_CENTS_PER_MINUTE: '4',
        REFUSE_UNLISTED_DESTINATIONS: 'true',
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const cases = [
    [
      'a country outside the allowed list',
      '+493012345678',
      'country_not_allowed',
      'Calls to this country are not available.',
    ],
    ['a blocked country', '+33612345678', 'destination_blocked', 'Calls to this number are not allowed.'],
    ['a blocked prefix', '+442079460018', 'destination_blocked', 'Calls to this number are not allowed.'],
    [
      'a rate above the ceiling',
      '+447400123456',
      'rate_above_ceiling',
      'Calls to this destination are not available because of their price.',
    ],
    [
      'an unlisted destination',
      '+6793312345',
      'unlisted_destination',
      "We don't offer calls to that destination yet.",
    ],
  ] as const;

  for (const [what, to, reason, message] of cases) {
    it(`refuses ${what} with its own spoken message, holding and recording nothing`, async () => {
      const caller = await newCaller(t, { cents: 1000 });
      const before = { ledger: await ledgerFootprint(t.database.pool), calls: await countCalls(t) };
      const { twiml } = await placeCall(t, caller, to);
      expect(spoken(twiml)).toBe(message);
      expect({ ledger: await ledgerFootprint(t.database.pool), calls: await countCalls(t) }).toEqual(before);
      refusalLogged(t, reason);
    });
  }

  it('lets the rest through', async () => {
    const caller = await newCaller(t, { cents: 1000 });
    const { twiml } = await placeCall(t, caller, '+12025550100');
    expect(twiml).toContain('<Dial');
  });
});

describe('limits on simultaneous calls', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      captureLogs: true,
      env: { SANDBOX_SECRET, CALL_MAX_CONCURRENT_PER_SEAT: '1', CALL_MAX_CONCURRENT_PER_ACCOUNT: '2' },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a seat’s second call while its first is in progress, and the account’s third', async () => {
    const domain = `limits-${Date.now().toString(36)}.test`;
    const owner = await newCaller(t, { cents: 1000, kind: 'company', domain });
    const first = await addSeat(t, owner, domain);
    const second = await addSeat(t, owner, domain);

    expect((await placeCall(t, first, '+12025550100')).twiml).toContain('<Dial');
    expect(spoken((await placeCall(t, first, '+12025550100')).twiml)).toBe(
      'You already have a call in progress. Please hang up first.',
    );
    refusalLogged(t, 'seat_call_limit_reached');

    expect((await placeCall(t, second, '+12025550100')).twiml).toContain('<Dial');
    expect(spoken((await placeCall(t, owner, '+12025550100')).twiml)).toBe(
      'Your account already has as many calls in progress as it may. Please try again later.',
    );
    refusalLogged(t, 'account_call_limit_reached');
  });

  it('holds to the limit under real parallel requests', async () => {
    const caller = await newCaller(t, { cents: 1000 });
    const answers = await Promise.all(Array.from({ length: 6 }, () => placeCall(t, caller, '+12025550100')));
    expect(answers.filter((answer) => answer.twiml.includes('<Dial'))).toHaveLength(1);
    expect((await t.modules.ledger.service.walletSummary(caller.accountId)).heldCents).toBe(240);
  });
});

describe('daily spending caps (UTC day)', () => {
  let t: TestApp;
  const clock = createTestClock();
  beforeAll(async () => {
    t = await createTestApp({
      clock,
      work: true,
      captureLogs: true,
      env: { SANDBOX_SECRET, CALL_DAILY_CAP_SEAT_CENTS: '10', CALL_DAILY_CAP_ACCOUNT_CENTS: '15' },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function complete(callSid: string, seconds: number) {
    await sendWebhook(
      t,
      '/api/webhooks/twilio/status',
      statusParams(callSid, 'completed', { duration: seconds }),
    );
    return waitForSettled(t, callSid);
  }

  it('shortens calls to what is left of the seat’s cap, then refuses', async () => {
    const caller = await newCaller(t, { cents: 1000 });
    const first = await placeCall(t, caller, '+12025550100');
    // 10 cents at 2 cents a minute.
    expect(timeLimitOf(first.twiml)).toBe(300);
    expect((await complete(first.callSid, 61)).costCents).toBe(4);

    const second = await placeCall(t, caller, '+12025550100');
    expect(timeLimitOf(second.twiml)).toBe(180);
    expect((await complete(second.callSid, 180)).costCents).toBe(6);

    expect(spoken((await placeCall(t, caller, '+12025550100')).twiml)).toBe(
      'You have reached your spending limit for today. Please try again tomorrow.',
    );
    refusalLogged(t, 'seat_daily_cap_reached');
  });

  it('counts every seat of a company against the account’s cap', async () => {
    const domain = `caps-${Date.now().toString(36)}.test`;
    const owner = await newCaller(t, { cents: 1000, kind: 'company', domain });
    const seat = await addSeat(t, owner, domain);
    const first = await placeCall(t, owner, '+12025550100');
    // Company rate 1.75 cents a minute: 10 cents buy 5 minutes (8.75 cents held, rounded up to 9).
    expect(timeLimitOf(first.twiml)).toBe(300);
    expect((await findCall(t, first.callSid))?.holdCents).toBe(9);
    const second = await placeCall(t, seat, '+12025550100');
    // 6 cents left of the account's 15 buy 3 minutes.
    expect(timeLimitOf(second.twiml)).toBe(180);
    expect(spoken((await placeCall(t, seat, '+12025550100')).twiml)).toBe(
      'Your account has reached its spending limit for today. Please try again tomorrow.',
    );
    refusalLogged(t, 'account_daily_cap_reached');
  });

  it('starts afresh the next UTC day', async () => {
    const caller = await newCaller(t, { cents: 1000 });
    const first = await placeCall(t, caller, '+12025550100');
    await complete(first.callSid, 300);
    expect(spoken((await placeCall(t, caller, '+12025550100')).twiml)).toContain('spending limit');
    clock.advance(24 * 3600_000);
    expect(timeLimitOf((await placeCall(t, caller, '+12025550100')).twiml)).toBe(300);
  });
});
