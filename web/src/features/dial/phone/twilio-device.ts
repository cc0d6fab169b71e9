import type { Call, Device } from '@twilio/voice-sdk';
import {
  type CallStatus,
  createListeners,
  microphoneDeniedMessage,
  networkLostMessage,
  type PhoneCall,
  type PhoneCallEvent,
  type PhoneDevice,
  PhoneError,
  type PhoneProblem,
} from './phone-device';

/** Twilio's error codes for a refused microphone, and for a lost or failed connection. */
const microphoneErrors = new Set([31401, 31402, 31208, 31201]);
const networkErrors = new Set([31005, 31009, 31003, 53000, 53001, 53405]);

function problemOf(error: { code?: number }): PhoneProblem {
  if (error.code !== undefined && microphoneErrors.has(error.code)) return 'microphone_denied';
  if (error.code !== undefined && networkErrors.has(error.code)) return 'network_lost';
  return 'call_failed';
}

function phoneError(error: { code?: number; message?: string }): PhoneError {
  const problem = problemOf(error);
  if (problem === 'microphone_denied') return new PhoneError(problem, microphoneDeniedMessage);
  if (problem === 'network_lost') return new PhoneError(problem, networkLostMessage);
  return new PhoneError(problem, 'The call could not go through. Please try again.');
}

function wrap(call: Call): PhoneCall {
  const listeners = createListeners<PhoneCallEvent>();
  let status: CallStatus = 'connecting';
  const setStatus = (next: CallStatus) => {
    if (next === status) return;
    status = next;
    listeners.emit({ type: 'status', status });
  };
  call.on('ringing', () => setStatus('ringing'));
  call.on('accept', () => setStatus('open'));
  call.on('reconnecting', () => setStatus('reconnecting'));
  call.on('reconnected', () => setStatus('open'));
  for (const end of ['disconnect', 'cancel', 'reject'] as const) call.on(end, () => setStatus('closed'));
  call.on('error', (error: { code?: number; message?: string }) => {
    listeners.emit({ type: 'error', error: phoneError(error) });
    setStatus('closed');
  });
  return {
    get status() {
      return status;
    },
    // Twilio speaks the refusal to the caller; it does not tell the browser in words.
    message: null,
    subscribe: listeners.add,
    mute: (muted) => call.mute(muted),
    isMuted: () => call.isMuted(),
    sendDigits: (digits) => call.sendDigits(digits),
    disconnect: () => call.disconnect(),
  };
}

/**
 * Twilio's Voice SDK behind our PhoneDevice. The SDK (about 600 kB) is loaded when the first call needs it,
 * so that only people who dial download it.
 */
export async function createTwilioDevice(initial: { token: string }): Promise<PhoneDevice> {
  const { Call: TwilioCall, Device: TwilioDevice } = await import('@twilio/voice-sdk');
  const device: Device = new TwilioDevice(initial.token, {
    closeProtection: 'A call is in progress. Leaving will hang up.',
    codecPreferences: [TwilioCall.Codec.Opus, TwilioCall.Codec.PCMU],
  });
  return {
    kind: 'twilio',
    async connect(to) {
      try {
        return wrap(await device.connect({ params: { To: to } }));
      } catch (error) {
        throw phoneError(error as { code?: number; message?: string });
      }
    },
    updateToken: (token) => device.updateToken(token),
    onTokenWillExpire(listener) {
      device.on('tokenWillExpire', listener);
    },
    destroy: () => device.destroy(),
  };
}
