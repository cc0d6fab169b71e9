import type { SandboxCall } from '@mobayilo/contract';
import { ApiError, apiRequest } from '../../../shared/api/client';
import {
  type CallStatus,
  createListeners,
  networkLostMessage,
  openMicrophone,
  type PhoneCall,
  type PhoneCallEvent,
  type PhoneDevice,
  PhoneError,
} from './phone-device';

const POLL_MS = 400;
/** The sandbox is unreachable this long: the call is lost, as a dropped connection loses a real one. */
const LOST_AFTER_MS = 8000;
/** Twilio warns 10 seconds before a token expires. */
const TOKEN_WARNING_MS = 10_000;

function statusOf(view: SandboxCall): CallStatus {
  return view.status;
}

/**
 * The Voice SDK's part played against the sandbox telephony: a call is placed through the sandbox API with
 * the same access token Twilio would take, and followed by polling. The microphone is opened as for a real
 * call, so that a refused microphone shows here too.
 */
export function createSandboxDevice(initial: { token: string; expiresAt: string }): PhoneDevice {
  let token = initial.token;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  let expiryListener: (() => void) | undefined;
  const calls = new Set<PhoneCall>();

  function scheduleExpiryWarning(expiresAt: string) {
    clearTimeout(expiryTimer);
    const delay = Math.max(0, Date.parse(expiresAt) - Date.now() - TOKEN_WARNING_MS);
    expiryTimer = setTimeout(() => expiryListener?.(), delay);
  }
  scheduleExpiryWarning(initial.expiresAt);

  const request = <T>(path: string, method = 'GET', body?: unknown) =>
    apiRequest<T>(path, { method, body, headers: { authorization: `Bearer ${token}` } });

  async function connect(to: string): Promise<PhoneCall> {
    const microphone = await openMicrophone();
    let view: SandboxCall;
    try {
      view = await request<SandboxCall>('/api/sandbox/calls', 'POST', { to });
    } catch (error) {
      for (const track of microphone.getTracks()) track.stop();
      if (error instanceof ApiError && error.code === 'network_error')
        throw new PhoneError('network_lost', error.message);
      throw new PhoneError(
        'call_failed',
        error instanceof Error ? error.message : 'The call could not start.',
      );
    }
    const listeners = createListeners<PhoneCallEvent>();
    let status: CallStatus = statusOf(view);
    let muted = false;
    let lastContact = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;

    function update(next: SandboxCall) {
      lastContact = Date.now();
      if (next.message && next.message !== view.message)
        listeners.emit({ type: 'message', text: next.message });
      view = next;
      setStatus(statusOf(next));
    }

    function setStatus(next: CallStatus) {
      if (next === status) return;
      status = next;
      listeners.emit({ type: 'status', status });
      if (status === 'closed') finish();
    }

    function finish() {
      clearTimeout(timer);
      for (const track of microphone.getTracks()) track.stop();
      calls.delete(call);
    }

    const closed = () => status === 'closed';

    async function poll() {
      if (closed()) return;
      try {
        update(await request<SandboxCall>(`/api/sandbox/calls/${view.callSid}`));
      } catch {
        if (Date.now() - lastContact > LOST_AFTER_MS) {
          listeners.emit({ type: 'error', error: new PhoneError('network_lost', networkLostMessage) });
          setStatus('closed');
          return;
        }
        setStatus('reconnecting');
      }
      if (!closed()) timer = setTimeout(() => void poll(), POLL_MS);
    }

    const call: PhoneCall = {
      get status() {
        return status;
      },
      get message() {
        return view.message;
      },
      subscribe: listeners.add,
      mute(next) {
        muted = next;
        for (const track of microphone.getAudioTracks()) track.enabled = !next;
      },
      isMuted: () => muted,
      sendDigits(digits) {
        void request(`/api/sandbox/calls/${view.callSid}/digits`, 'POST', { digits }).catch(() => undefined);
      },
      disconnect() {
        if (status === 'closed') return;
        void request<SandboxCall>(`/api/sandbox/calls/${view.callSid}/hangup`, 'POST', {})
          .then(update)
          .catch(() => setStatus('closed'));
      },
    };
    calls.add(call);
    if (status === 'closed') finish();
    else timer = setTimeout(() => void poll(), POLL_MS);
    return call;
  }

  return {
    kind: 'sandbox',
    connect,
    updateToken(next, expiresAt) {
      token = next;
      scheduleExpiryWarning(expiresAt);
    },
    onTokenWillExpire(listener) {
      expiryListener = listener;
    },
    destroy() {
      clearTimeout(expiryTimer);
      for (const call of calls) call.disconnect();
    },
  };
}
