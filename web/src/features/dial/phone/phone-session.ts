import type { CallTokenResponse } from '@mobayilo/contract';
import { ApiError } from '../../../shared/api/client';
import { fetchCallToken } from '../api';
import { createPhoneDevice } from './create-device';
import type { CallStatus, PhoneCall, PhoneDevice } from './phone-device';
import { PhoneError } from './phone-device';

/** What the dialer shows of the call in progress (or the one that just ended). */
export type PhoneSession = {
  phase: 'idle' | 'preparing' | 'active' | 'ended';
  to: string | null;
  destination: string | null;
  rateMicros: number | null;
  status: CallStatus | null;
  /** When the called party answered (ms since the epoch). */
  answeredAt: number | null;
  endedAt: number | null;
  muted: boolean;
  /** Keypad tones sent during the call. */
  digits: string;
  /** What the telephony said when it ended the call without connecting (a refusal). */
  message: string | null;
  error: { code: string; message: string } | null;
  /** The caller pressed Hang up (not the other side, not a limit). */
  hungUp: boolean;
};

const idle: PhoneSession = {
  phase: 'idle',
  to: null,
  destination: null,
  rateMicros: null,
  status: null,
  answeredAt: null,
  endedAt: null,
  muted: false,
  digits: '',
  message: null,
  error: null,
  hungUp: false,
};

/**
 * The browser's phone, kept outside React so that a call survives moving between pages: one device, created
 * for the first call and kept (its token refreshed before it expires), and at most one call at a time.
 */
function createPhoneSessionStore() {
  let session = idle;
  let device: PhoneDevice | null = null;
  let call: PhoneCall | null = null;
  const listeners = new Set<() => void>();
  let onEnded: (() => void) | undefined;

  function set(patch: Partial<PhoneSession>) {
    session = { ...session, ...patch };
    for (const listener of listeners) listener();
  }

  async function deviceFor(token: CallTokenResponse): Promise<PhoneDevice> {
    if (device && device.kind === (token.sandbox ? 'sandbox' : 'twilio')) {
      device.updateToken(token.token, token.expiresAt);
      return device;
    }
    device?.destroy();
    const created = await createPhoneDevice(token);
    created.onTokenWillExpire(() => {
      fetchCallToken()
        .then((fresh) => created.updateToken(fresh.token, fresh.expiresAt))
        // A token that cannot be renewed (no credit left) simply lets the device lapse; the next call asks again.
        .catch(() => undefined);
    });
    device = created;
    return created;
  }

  function ended() {
    set({ phase: 'ended', status: 'closed', endedAt: Date.now() });
    call = null;
    onEnded?.();
  }

  function follow(placed: PhoneCall) {
    call = placed;
    set({ phase: 'active', status: placed.status, message: placed.message, muted: placed.isMuted() });
    if (placed.status === 'closed') return ended();
    const stop = placed.subscribe((event) => {
      if (event.type === 'message') set({ message: event.text });
      if (event.type === 'error') set({ error: { code: event.error.problem, message: event.error.message } });
      if (event.type !== 'status') return;
      if (event.status === 'open' && session.answeredAt === null) set({ answeredAt: Date.now() });
      if (event.status === 'closed') {
        stop();
        ended();
      } else set({ status: event.status });
    });
  }

  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => session,

    /** Tells the app when a call ended (History and the wallet change). */
    onCallEnded(listener: () => void) {
      onEnded = listener;
    },

    async start(target: { to: string; destination: string; rateMicros: number }) {
      if (session.phase === 'preparing' || session.phase === 'active') return;
      set({ ...idle, phase: 'preparing', ...target, status: 'connecting' });
      try {
        const token = await fetchCallToken();
        const phone = await deviceFor(token);
        follow(await phone.connect(target.to));
      } catch (error) {
        const failure =
          error instanceof PhoneError
            ? { code: error.problem, message: error.message }
            : error instanceof ApiError
              ? { code: error.code, message: error.message }
              : { code: 'call_failed', message: 'The call could not go through. Please try again.' };
        set({ ...idle, phase: 'ended', ...target, status: 'closed', endedAt: Date.now(), error: failure });
      }
    },

    hangUp() {
      if (call) set({ hungUp: true });
      call?.disconnect();
    },

    toggleMute() {
      if (!call) return;
      call.mute(!call.isMuted());
      set({ muted: call.isMuted() });
    },

    sendDigits(digits: string) {
      if (!call || session.status !== 'open') return;
      call.sendDigits(digits);
      set({ digits: session.digits + digits });
    },

    /** Back to the dialer once the ended call has been seen. */
    dismiss() {
      if (session.phase === 'ended') set(idle);
    },
  };
}

export const phoneSession = createPhoneSessionStore();
