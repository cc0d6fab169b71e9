import { randomBytes } from 'node:crypto';
import type { Logger } from '../../../platform/logger.adapter';
import type { DialOutcome, FinalCallStatus } from '../telephony.port';
import { signWebhook } from '../twilio/twilio-signature.util';
import { calledParty } from './scripted-numbers.domain';
import { readTwiml, type TwimlElement } from './twiml-reader.util';

/** How long the sandbox's called party takes to ring, and to answer once ringing. */
const RING_AFTER_MS = 500;
const ANSWER_AFTER_MS = 1500;
/** A finished call stays readable (by the browser, by the stale-call sweeper) this long. */
const KEEP_CLOSED_MS = 3600_000;
/**
 * A browser leg that has not been heard from (its device polls the call) for this long is gone: the tab was
 * closed or lost its network. Twilio ends a call whose WebRTC leg drops; the sandbox does the same.
 */
export const LEG_TIMEOUT_MS = 10_000;
const LEG_CHECK_MS = 2_000;
/** Twilio waits 15 seconds for a webhook's answer. */
const WEBHOOK_TIMEOUT_MS = 15_000;

export type SandboxCallStatus = 'connecting' | 'ringing' | 'open' | 'closed';

/** What the browser's sandbox device sees of its call. */
export type SandboxCallView = {
  callSid: string;
  to: string;
  status: SandboxCallStatus;
  answeredAt: string | null;
  endedAt: string | null;
  /** How the dialed leg ended; `refused` when the application hung up without dialing. */
  outcome: FinalCallStatus | 'refused' | null;
  durationSeconds: number;
  /** What the application said before hanging up (a <Say>), e.g. why it refused the call. */
  message: string | null;
  digits: string;
};

type Dial = {
  number: string;
  callerId: string;
  statusCallback: string | null;
  events: Set<string>;
  action: string | null;
  timeLimitSeconds: number;
  timeoutSeconds: number;
};

type SandboxCall = {
  sid: string;
  childSid: string | null;
  identity: string;
  to: string;
  status: SandboxCallStatus;
  answeredAt: Date | null;
  endedAt: Date | null;
  outcome: SandboxCallView['outcome'];
  durationSeconds: number;
  message: string | null;
  digits: string;
  dial: Dial | null;
  hangUpRequested: boolean;
  /** When the browser's device last asked about the call. */
  lastSeenAt: number;
  timers: NodeJS.Timeout[];
  sequence: number;
  /** Callbacks go out one after the other, in the order the events happened. */
  queue: Promise<void>;
};

export function newCallSid(): string {
  return `CA${randomBytes(16).toString('hex')}`;
}

function viewOf(call: SandboxCall): SandboxCallView {
  return {
    callSid: call.sid,
    to: call.to,
    status: call.status,
    answeredAt: call.answeredAt?.toISOString() ?? null,
    endedAt: call.endedAt?.toISOString() ?? null,
    outcome: call.outcome,
    durationSeconds: call.durationSeconds,
    message: call.message,
    digits: call.digits,
  };
}

function readDial(verb: TwimlElement): Dial | null {
  const number = verb.children.find((child) => child.name === 'Number');
  if (!number) return null;
  return {
    number: number.text.trim(),
    callerId: verb.attributes.callerId ?? '',
    statusCallback: number.attributes.statusCallback ?? null,
    events: new Set((number.attributes.statusCallbackEvent ?? 'completed').split(/\s+/).filter(Boolean)),
    action: verb.attributes.action ?? null,
    timeLimitSeconds: Number(verb.attributes.timeLimit ?? 14_400),
    timeoutSeconds: Number(verb.attributes.timeout ?? 30),
  };
}

/**
 * The sandbox's calls: what Twilio does between a browser and the phone network. A call starts from the
 * browser's sandbox device; the sandbox asks our voice webhook (signed, over real HTTP) what to do, follows
 * the TwiML (a spoken refusal, or a <Dial> of one <Number>), plays the called party by its scripted number,
 * enforces the time limit and reports each step to the status callback, in order, signed as Twilio signs.
 */
export function createSandboxCalls(deps: {
  /** The sandbox's auth token: what its webhooks are signed with. */
  secret: string;
  accountSid: string;
  applicationSid: string;
  /** The TwiML app's voice URL: our own webhook. */
  voiceUrl: string;
  logger: Logger;
}) {
  const calls = new Map<string, SandboxCall>();
  const log = deps.logger.child({ provider: 'sandbox-telephony' });

  async function post(url: string, params: Record<string, string>): Promise<string> {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signWebhook(deps.secret, url, params),
      },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return body;
  }

  function later(call: SandboxCall, ms: number, run: () => void) {
    const timer = setTimeout(run, ms);
    timer.unref();
    call.timers.push(timer);
  }

  function forget(call: SandboxCall) {
    const timer = setTimeout(() => calls.delete(call.sid), KEEP_CLOSED_MS);
    timer.unref();
  }

  function close(call: SandboxCall, outcome: SandboxCallView['outcome'], message: string | null = null) {
    call.status = 'closed';
    call.outcome = outcome;
    call.message = message ?? call.message;
    call.endedAt = new Date();
    for (const timer of call.timers) clearTimeout(timer);
    call.timers = [];
    forget(call);
  }

  /** Sends one status callback of the dialed leg, if the <Number> asked for that event. */
  function report(call: SandboxCall, event: 'initiated' | 'ringing' | 'answered' | 'completed') {
    const dial = call.dial;
    if (!dial?.statusCallback || !dial.events.has(event) || !call.childSid) return;
    const status =
      event === 'answered' ? 'in-progress' : event === 'completed' ? (call.outcome as string) : event;
    const params: Record<string, string> = {
      AccountSid: deps.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: call.childSid,
      ParentCallSid: call.sid,
      CallStatus: status,
      Direction: 'outbound-dial',
      From: dial.callerId,
      To: dial.number,
      Called: dial.number,
      Caller: dial.callerId,
      CallbackSource: 'call-progress-events',
      SequenceNumber: String(call.sequence),
      Timestamp: new Date().toUTCString(),
    };
    call.sequence += 1;
    if (event === 'completed') {
      params.CallDuration = String(call.durationSeconds);
      if (call.outcome === 'completed') params.Duration = String(Math.ceil(call.durationSeconds / 60));
    }
    const url = dial.statusCallback;
    call.queue = call.queue.then(() =>
      post(url, params).then(
        () => undefined,
        (error: unknown) => log.warn({ err: error, callSid: call.sid, event }, 'status callback failed'),
      ),
    );
  }

  /** The dialed leg ended: its final callback, then the <Dial action> (whose TwiML ends the browser leg). */
  function finish(call: SandboxCall, status: FinalCallStatus) {
    if (call.status === 'closed') return;
    const answeredMs = call.answeredAt ? Date.now() - call.answeredAt.getTime() : 0;
    // Twilio bills a connected call's sub-second remainder as a whole second.
    call.durationSeconds = call.answeredAt ? Math.max(1, Math.round(answeredMs / 1000)) : 0;
    close(call, status);
    report(call, 'completed');
    const dial = call.dial;
    if (!dial?.action) return;
    const action = dial.action;
    const params: Record<string, string> = {
      AccountSid: deps.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: call.sid,
      CallStatus: call.hangUpRequested ? 'completed' : 'in-progress',
      Direction: 'inbound',
      From: `client:${call.identity}`,
      To: call.to,
      DialCallSid: call.childSid ?? '',
      DialCallStatus: status,
      DialCallDuration: String(call.durationSeconds),
      DialBridged: String(call.answeredAt !== null),
    };
    call.queue = call.queue.then(() =>
      post(action, params).then(
        () => undefined,
        (error: unknown) => log.warn({ err: error, callSid: call.sid }, 'dial action failed'),
      ),
    );
  }

  function dialNumber(call: SandboxCall, dial: Dial) {
    call.dial = dial;
    call.childSid = newCallSid();
    call.status = 'ringing';
    report(call, 'initiated');
    const party = calledParty(dial.number);
    if (party.kind === 'failed') return later(call, RING_AFTER_MS, () => finish(call, 'failed'));
    later(call, RING_AFTER_MS, () => {
      report(call, 'ringing');
      if (party.kind === 'busy') return later(call, RING_AFTER_MS, () => finish(call, 'busy'));
      if (party.kind === 'no-answer')
        return later(call, dial.timeoutSeconds * 1000, () => finish(call, 'no-answer'));
      later(call, ANSWER_AFTER_MS, () => {
        call.answeredAt = new Date();
        call.status = 'open';
        report(call, 'answered');
        later(call, dial.timeLimitSeconds * 1000, () => finish(call, 'completed'));
        if (party.hangsUpAfterSeconds !== null)
          later(call, party.hangsUpAfterSeconds * 1000, () => finish(call, 'completed'));
      });
    });
  }

  /** Ends the call as a hang-up does: an answered call completes, a ringing one is canceled. */
  function end(call: SandboxCall) {
    call.hangUpRequested = true;
    if (call.status === 'open') finish(call, 'completed');
    else if (call.status === 'ringing') finish(call, 'canceled');
  }

  /** Ends the call once its browser leg has been silent too long; checks again while it is heard from. */
  function watchLeg(call: SandboxCall) {
    later(call, LEG_CHECK_MS, () => {
      if (call.status === 'closed') return;
      if (Date.now() - call.lastSeenAt > LEG_TIMEOUT_MS) {
        log.info({ callSid: call.sid }, 'the browser leg is gone: ending the call');
        return end(call);
      }
      watchLeg(call);
    });
  }

  /** Follows the voice webhook's TwiML: speak and hang up, or dial. */
  function follow(call: SandboxCall, response: TwimlElement) {
    const said = response.children
      .filter((verb) => verb.name === 'Say')
      .map((verb) => verb.text.trim())
      .join(' ');
    if (said) call.message = said;
    const dialVerb = response.children.find((verb) => verb.name === 'Dial');
    const dial = dialVerb ? readDial(dialVerb) : null;
    if (!dial || call.hangUpRequested) return close(call, 'refused');
    dialNumber(call, dial);
    watchLeg(call);
  }

  return {
    /** A browser placed a call: ask the application what to do with it. */
    async start(identity: string, to: string): Promise<SandboxCallView> {
      const call: SandboxCall = {
        sid: newCallSid(),
        childSid: null,
        identity,
        to,
        status: 'connecting',
        answeredAt: null,
        endedAt: null,
        outcome: null,
        durationSeconds: 0,
        message: null,
        digits: '',
        dial: null,
        hangUpRequested: false,
        lastSeenAt: Date.now(),
        timers: [],
        sequence: 0,
        queue: Promise.resolve(),
      };
      calls.set(call.sid, call);
      const params = {
        AccountSid: deps.accountSid,
        ApplicationSid: deps.applicationSid,
        ApiVersion: '2010-04-01',
        CallSid: call.sid,
        CallStatus: 'ringing',
        Direction: 'inbound',
        From: `client:${identity}`,
        Caller: `client:${identity}`,
        To: to,
      };
      try {
        follow(call, readTwiml(await post(deps.voiceUrl, params)));
      } catch (error) {
        log.warn({ err: error, callSid: call.sid }, 'the voice webhook failed');
        // What Twilio's callers hear when the application fails.
        close(call, 'failed', 'An application error has occurred. Goodbye.');
      }
      return viewOf(call);
    },

    /** The call as its browser sees it; undefined when unknown or someone else's. */
    view(callSid: string, identity: string): SandboxCallView | undefined {
      const call = calls.get(callSid);
      if (!call || call.identity !== identity) return undefined;
      call.lastSeenAt = Date.now();
      return viewOf(call);
    },

    /** The browser hung up. */
    hangUp(callSid: string, identity: string): SandboxCallView | undefined {
      const call = calls.get(callSid);
      if (!call || call.identity !== identity) return undefined;
      end(call);
      return viewOf(call);
    },

    /** The application ended the call through the REST API (Twilio's call update to `completed`). */
    end(callSid: string): void {
      const call = calls.get(callSid);
      if (call) end(call);
    },

    /** Keypad tones sent during the call (kept, so the browser can show what the far end received). */
    sendDigits(callSid: string, identity: string, digits: string): SandboxCallView | undefined {
      const call = calls.get(callSid);
      if (!call || call.identity !== identity) return undefined;
      if (call.status === 'open') call.digits += digits;
      return viewOf(call);
    },

    /** What became of the leg a call dialed, as Twilio's REST API would tell. */
    outcome(parentCallSid: string): DialOutcome {
      const call = calls.get(parentCallSid);
      if (!call) return { state: 'unknown' };
      if (call.status !== 'closed') return { state: 'active' };
      const status = call.outcome === 'refused' || call.outcome === null ? 'failed' : call.outcome;
      return { state: 'ended', status, durationSeconds: call.durationSeconds, childCallSid: call.childSid };
    },
  };
}

export type SandboxCalls = ReturnType<typeof createSandboxCalls>;
