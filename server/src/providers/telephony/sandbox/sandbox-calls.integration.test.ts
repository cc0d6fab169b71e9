import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../test/support/wait';
import { createLogger } from '../../../platform/logger.adapter';
import { verifyWebhookSignature } from '../twilio/twilio-signature.util';
import { createSandboxCalls, type SandboxCallView } from './sandbox-calls.service';
import { SANDBOX_NUMBERS } from './scripted-numbers.domain';

const secret = 'sandbox-calls-test-secret-0123456789';

type Received = { path: string; params: Record<string, string>; validSignature: boolean };

/** Plays our application: records every signed webhook and answers the voice URL with the TwiML given. */
function startApplication() {
  const received: Received[] = [];
  let voiceAnswer = { status: 200, body: '<Response><Hangup/></Response>' };
  let base = '';
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const path = request.url ?? '';
      const signature = request.headers['x-twilio-signature'];
      received.push({
        path,
        params,
        validSignature: verifyWebhookSignature(secret, {
          url: `${base}${path}`,
          params,
          signature: typeof signature === 'string' ? signature : undefined,
        }),
      });
      if (path === '/voice') {
        response.writeHead(voiceAnswer.status, { 'content-type': 'text/xml' });
        return response.end(voiceAnswer.body);
      }
      response.writeHead(path === '/status' ? 204 : 200, { 'content-type': 'text/xml' });
      response.end(path === '/status' ? '' : '<Response><Hangup/></Response>');
    });
  });
  return {
    received,
    answerVoiceWith(status: number, twiml: string) {
      voiceAnswer = { status, body: twiml };
    },
    dial(number: string, options: { timeLimit?: number; timeout?: number } = {}) {
      voiceAnswer = {
        status: 200,
        body:
          `<Response><Dial callerId="+15005550006" timeLimit="${options.timeLimit ?? 3600}" ` +
          `timeout="${options.timeout ?? 30}" answerOnBridge="true" action="${base}/action">` +
          `<Number statusCallback="${base}/status" statusCallbackEvent="initiated ringing answered completed">` +
          `${number}</Number></Dial></Response>`,
      };
    },
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return base;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the sandbox telephony’s calls', () => {
  const application = startApplication();
  let calls: ReturnType<typeof createSandboxCalls>;
  const identity = 'm_caller';

  beforeAll(async () => {
    const base = await application.start();
    calls = createSandboxCalls({
      secret,
      accountSid: `AC${'0'.repeat(32)}`,
      applicationSid: `AP${'0'.repeat(32)}`,
      voiceUrl: `${base}/voice`,
      logger: createLogger({ log: { level: 'silent' } }),
    });
  });
  afterAll(async () => {
    await application.close();
  });
  beforeEach(() => {
    application.received.length = 0;
  });

  const until = (callSid: string, status: SandboxCallView['status'], timeoutMs = 10_000) =>
    waitFor(async () => {
      const view = calls.view(callSid, identity);
      return view?.status === status ? view : undefined;
    }, timeoutMs);
  // A call's callbacks only: a previous test's call may still be reporting its last steps.
  const callbacksOf = (callSid: string) =>
    application.received.filter(
      (request) =>
        request.path !== '/voice' &&
        (request.params.CallSid === callSid || request.params.ParentCallSid === callSid),
    );

  it('asks the voice URL, signed, as a browser client calling the number', async () => {
    application.answerVoiceWith(200, '<Response><Say>No credit.</Say><Hangup/></Response>');
    const view = await calls.start(identity, '+12025550100');
    expect(view).toMatchObject({ status: 'closed', outcome: 'refused', message: 'No credit.' });
    expect(application.received).toEqual([
      {
        path: '/voice',
        validSignature: true,
        params: expect.objectContaining({
          CallSid: view.callSid,
          From: 'client:m_caller',
          To: '+12025550100',
          Direction: 'inbound',
          CallStatus: 'ringing',
        }),
      },
    ]);
  });

  it('rings, answers and reports each step in order until the browser hangs up', async () => {
    application.dial('+12025550100');
    const started = await calls.start(identity, '+12025550100');
    expect(started.status).toBe('ringing');
    await until(started.callSid, 'open');
    expect(calls.sendDigits(started.callSid, identity, '12#')?.digits).toBe('12#');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const ended = calls.hangUp(started.callSid, identity);
    expect(ended).toMatchObject({ status: 'closed', outcome: 'completed' });
    expect(ended?.durationSeconds).toBeGreaterThanOrEqual(1);
    const callbacks = () => callbacksOf(started.callSid);
    await waitFor(async () => (callbacks().length === 5 ? true : undefined));
    const [initiated, ringing, answered, completed, action] = callbacks();
    expect(callbacks().every((request) => request.validSignature)).toBe(true);
    expect(
      [initiated, ringing, answered, completed].map((c) => [
        c?.path,
        c?.params.CallStatus,
        c?.params.SequenceNumber,
      ]),
    ).toEqual([
      ['/status', 'initiated', '0'],
      ['/status', 'ringing', '1'],
      ['/status', 'in-progress', '2'],
      ['/status', 'completed', '3'],
    ]);
    expect(completed?.params).toMatchObject({
      ParentCallSid: started.callSid,
      CallDuration: String(ended?.durationSeconds),
      From: '+15005550006',
      To: '+12025550100',
    });
    expect(action).toMatchObject({
      path: '/action',
      params: { CallSid: started.callSid, DialCallStatus: 'completed', DialBridged: 'true' },
    });
    expect(calls.outcome(started.callSid)).toEqual({
      state: 'ended',
      status: 'completed',
      durationSeconds: ended?.durationSeconds,
      childCallSid: completed?.params.CallSid,
    });
  });

  it('ends the call at its time limit', async () => {
    application.dial('+12025550100', { timeLimit: 1 });
    const { callSid } = await calls.start(identity, '+12025550100');
    await until(callSid, 'open');
    const ended = await until(callSid, 'closed');
    expect(ended).toMatchObject({ outcome: 'completed', durationSeconds: 1 });
  });

  it.each([
    [SANDBOX_NUMBERS.busy, 'busy', ['initiated', 'ringing', 'busy']],
    [SANDBOX_NUMBERS.failed, 'failed', ['initiated', 'failed']],
    [SANDBOX_NUMBERS.noAnswer, 'no-answer', ['initiated', 'ringing', 'no-answer']],
  ])('plays the scripted number %s: %s, at no duration', async (number, outcome, statuses) => {
    application.dial(number, { timeout: 1 });
    const { callSid } = await calls.start(identity, number);
    expect(await until(callSid, 'closed')).toMatchObject({ outcome, durationSeconds: 0 });
    const callbacks = () => callbacksOf(callSid);
    await waitFor(async () => (callbacks().length === statuses.length + 1 ? true : undefined));
    const reported = callbacks().map((request) =>
      request.path === '/action' ? request.params.DialCallStatus : request.params.CallStatus,
    );
    expect(reported).toEqual([...statuses, outcome]);
  });

  it('has the called party hang up after the seconds its number says', async () => {
    application.dial('+12025550110');
    const { callSid } = await calls.start(identity, '+12025550110');
    const ended = await until(callSid, 'closed', 15_000);
    expect(ended).toMatchObject({ outcome: 'completed', durationSeconds: 10 });
  }, 20_000);

  it('cancels a call hung up while ringing', async () => {
    application.dial('+12025550100');
    const { callSid } = await calls.start(identity, '+12025550100');
    expect(calls.hangUp(callSid, identity)).toMatchObject({ status: 'closed', outcome: 'canceled' });
  });

  it('plays Twilio’s error message when the application fails', async () => {
    application.answerVoiceWith(500, 'oops');
    const view = await calls.start(identity, '+12025550100');
    expect(view).toMatchObject({
      status: 'closed',
      outcome: 'failed',
      message: 'An application error has occurred. Goodbye.',
    });
  });

  it('shows a call only to the browser that placed it', async () => {
    application.answerVoiceWith(200, '<Response><Hangup/></Response>');
    const { callSid } = await calls.start(identity, '+12025550100');
    expect(calls.view(callSid, 'm_someone_else')).toBeUndefined();
    expect(calls.hangUp(callSid, 'm_someone_else')).toBeUndefined();
    expect(calls.outcome('CA_unknown')).toEqual({ state: 'unknown' });
  });
});
