import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { utcDay } from '../../src/modules/calls/call-assessment.service';
import type { Placement } from '../../src/modules/calls/call-setup.repository';
import { calls } from '../../src/modules/calls/tables';
import { memberships } from '../../src/modules/identity/tables';
import { signWebhook } from '../../src/providers/telephony/twilio/twilio-signature.util';
import { confirmAddress, uniqueEmail } from './accounts';
import { createHttpClient, type HttpClient } from './http-client';
import { linkTokenIn, waitForMail } from './mail';
import type { TestApp } from './test-app';
import { waitFor } from './wait';

/** Test apps sign as the sandbox with this secret, so that tests can sign webhooks as Twilio would. */
export const SANDBOX_SECRET = 'sandbox-secret-for-tests-0123456789abcdef';
export const SANDBOX_ACCOUNT_SID = `AC${'0'.repeat(32)}`;

export function newCallSid(): string {
  return `CA${randomBytes(16).toString('hex')}`;
}

/**
 * A call to a US number placed now by `seat`, as the voice webhook would hand it to `calls_place`: at 1.75¢ a
 * minute, with a hold of `holdCents` and a time limit of that many minutes (at least one).
 */
export function placementFor(
  seat: { accountId: string; userId: string; membershipId: string },
  holdCents: number,
  callSid = newCallSid(),
): Placement {
  const startedAt = new Date();
  return {
    accountId: seat.accountId,
    userId: seat.userId,
    membershipId: seat.membershipId,
    callSid,
    toE164: '+12025550100',
    country: 'US',
    destination: 'United States',
    callerId: '+15005550006',
    rateMicros: 17_500,
    holdCents,
    timeLimitSeconds: 60 * Math.max(1, holdCents),
    hold: {
      idempotencyKey: `call-hold:${callSid}`,
      actor: `membership:${seat.membershipId}`,
      expiresAt: new Date(startedAt.getTime() + 3_600_000),
    },
    startedAt,
    day: utcDay(startedAt),
  };
}

export type TestCaller = {
  client: HttpClient;
  accountId: string;
  userId: string;
  membershipId: string;
  /** The client identity of the browser: From=client:<identity>. */
  identity: string;
};

async function membershipOf(t: TestApp, userId: string): Promise<string> {
  const [row] = await t.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  if (!row) throw new Error('no membership');
  return row.id;
}

/** Credits an account's wallet as a top-up would. */
export async function fund(t: TestApp, accountId: string, cents: number) {
  await t.modules.ledger.service.openWallet(accountId);
  await t.modules.ledger.service.credit({
    accountId,
    amountCents: cents,
    kind: 'topup',
    idempotencyKey: `test-topup:${randomBytes(8).toString('hex')}`,
  });
}

/** A person signed up (an individual, or a company's owner) whose wallet holds `cents`. */
export async function newCaller(
  t: TestApp,
  options: { cents?: number; kind?: 'individual' | 'company'; domain?: string } = {},
): Promise<TestCaller> {
  const client = createHttpClient(t.app);
  const kind = options.kind ?? 'individual';
  const email = uniqueEmail(options.domain ?? 'example.com', 'caller');
  const response = await client.post('/api/auth/signup', {
    email,
    password: 'correct horse battery staple',
    accountType: kind,
    ...(kind === 'company' ? { companyName: 'Calling Co' } : {}),
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.body}`);
  const me = await confirmAddress(client, email);
  const membershipId = await membershipOf(t, me.user.id);
  if (options.cents) await fund(t, me.account.id, options.cents);
  return {
    client,
    accountId: me.account.id,
    userId: me.user.id,
    membershipId,
    identity: `m_${membershipId}`,
  };
}

/** A seat of the owner's company, signed in through the invitation link. */
export async function addSeat(t: TestApp, owner: TestCaller, domain: string): Promise<TestCaller> {
  const email = uniqueEmail(domain, 'seat');
  const invited = await owner.client.post('/api/account/seats', { email });
  if (invited.statusCode !== 201) throw new Error(`invitation failed: ${invited.body}`);
  const { member } = invited.json();
  const mail = await waitForMail(t.db, email, 'seat_invite');
  const client = createHttpClient(t.app);
  const signedIn = await client.post('/api/auth/magic', { token: linkTokenIn(mail.textBody) });
  if (signedIn.statusCode !== 200) throw new Error(`seat sign-in failed: ${signedIn.body}`);
  return {
    client,
    accountId: owner.accountId,
    userId: member.userId,
    membershipId: member.id,
    identity: `m_${member.id}`,
  };
}

/** POSTs a form-encoded webhook signed as the sandbox (or Twilio) signs it, unless told otherwise. */
export function sendWebhook(
  t: TestApp,
  path: string,
  params: Record<string, string>,
  options: { secret?: string; signedUrl?: string; signature?: string | null } = {},
) {
  const url = options.signedUrl ?? `${t.config.http.publicUrl}${path}`;
  const signature =
    options.signature === undefined
      ? signWebhook(options.secret ?? SANDBOX_SECRET, url, params)
      : options.signature;
  return t.app.inject({
    method: 'POST',
    url: path,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
    },
    payload: new URLSearchParams(params).toString(),
  });
}

/** What Twilio sends the voice URL when a browser calls `to`. */
export function voiceParams(caller: Pick<TestCaller, 'identity'>, to: string, callSid = newCallSid()) {
  return {
    AccountSid: SANDBOX_ACCOUNT_SID,
    ApplicationSid: `AP${'0'.repeat(32)}`,
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: 'ringing',
    Direction: 'inbound',
    From: `client:${caller.identity}`,
    Caller: `client:${caller.identity}`,
    To: to,
  };
}

/** Places a call through the voice webhook; returns its parent CallSid and the TwiML answer. */
export async function placeCall(t: TestApp, caller: Pick<TestCaller, 'identity'>, to: string) {
  const params = voiceParams(caller, to);
  const response = await sendWebhook(t, '/api/webhooks/twilio/voice', params);
  if (response.statusCode !== 200)
    throw new Error(`voice webhook answered ${response.statusCode}: ${response.body}`);
  return { callSid: params.CallSid, twiml: response.body };
}

/** A status callback of a call's dialed leg. */
export function statusParams(
  parentSid: string,
  status: string,
  extra: { childSid?: string; duration?: number; sequence?: number } = {},
) {
  return {
    AccountSid: SANDBOX_ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    CallSid: extra.childSid ?? `CA${parentSid.slice(2, 18)}${'c'.repeat(16)}`,
    ParentCallSid: parentSid,
    CallStatus: status,
    Direction: 'outbound-dial',
    CallbackSource: 'call-progress-events',
    SequenceNumber: String(extra.sequence ?? 0),
    Timestamp: new Date().toUTCString(),
    ...(extra.duration === undefined ? {} : { CallDuration: String(extra.duration) }),
  };
}

export async function findCall(t: TestApp, callSid: string) {
  const [row] = await t.db.select().from(calls).where(eq(calls.callSid, callSid));
  return row;
}

/** Waits until a job has settled the call. */
export function waitForSettled(t: TestApp, callSid: string, timeoutMs = 15_000) {
  return waitFor(async () => {
    const row = await findCall(t, callSid);
    return row?.settledAt ? row : undefined;
  }, timeoutMs);
}

/** Waits until every provider event stored so far was processed by its job. */
export function waitForInboxDrained(t: TestApp, timeoutMs = 15_000) {
  return waitFor(async () => {
    const { rows } = await t.database.pool.query<{ pending: number }>(
      `select count(*)::int as pending from provider_events where status = 'pending'`,
    );
    return rows[0]?.pending === 0 ? true : undefined;
  }, timeoutMs);
}

export async function countCalls(t: TestApp): Promise<number> {
  const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(calls);
  return row?.n ?? 0;
}
