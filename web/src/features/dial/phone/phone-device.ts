/**
 * The browser's phone, whichever telephony serves it: Twilio's Voice SDK Device, or the sandbox device that
 * talks to the sandbox telephony. The dialer only knows this interface.
 */
export type CallStatus = 'connecting' | 'ringing' | 'open' | 'reconnecting' | 'closed';

export type PhoneProblem =
  /** The browser or the person refused the microphone. */
  | 'microphone_denied'
  /** The connection to the telephony was lost. */
  | 'network_lost'
  /** The call could not be placed or ended on an error. */
  | 'call_failed';

export class PhoneError extends Error {
  constructor(
    readonly problem: PhoneProblem,
    message: string,
  ) {
    super(message);
    this.name = 'PhoneError';
  }
}

export type PhoneCallEvent =
  | { type: 'status'; status: CallStatus }
  /** What the far end said before hanging up (a refusal), when the telephony tells. */
  | { type: 'message'; text: string }
  | { type: 'error'; error: PhoneError };

export interface PhoneCall {
  readonly status: CallStatus;
  /** What the far end said before hanging up (a refusal), when the telephony tells; later ones are events. */
  readonly message: string | null;
  /** Subscribes to the call's progress; returns the unsubscribe function. */
  subscribe(listener: (event: PhoneCallEvent) => void): () => void;
  mute(muted: boolean): void;
  isMuted(): boolean;
  /** Keypad tones during the call (0-9, *, #). */
  sendDigits(digits: string): void;
  disconnect(): void;
}

export interface PhoneDevice {
  readonly kind: 'twilio' | 'sandbox';
  /** Places a call to an E.164 number; rejects with a PhoneError when it cannot start. */
  connect(to: string): Promise<PhoneCall>;
  /** A fresh access token, before the current one expires. */
  updateToken(token: string, expiresAt: string): void;
  /** Called a little before the access token expires. */
  onTokenWillExpire(listener: () => void): void;
  destroy(): void;
}

/** A small event emitter for call implementations. */
export function createListeners<E>() {
  const listeners = new Set<(event: E) => void>();
  return {
    add(listener: (event: E) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(event: E) {
      for (const listener of listeners) listener(event);
    },
  };
}

export const microphoneDeniedMessage =
  'Mobayilo needs your microphone to call. Allow it in your browser’s site settings, then try again.';
export const networkLostMessage =
  'The connection was lost, so the call ended. Check your connection and try again.';

/** Asks for the microphone as a call starts, in words a person can act on when refused. */
export async function openMicrophone(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new PhoneError(
      'microphone_denied',
      'This browser cannot use a microphone. Please try another browser.',
    );
  }
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError')
      throw new PhoneError('microphone_denied', microphoneDeniedMessage);
    throw new PhoneError('microphone_denied', 'No microphone was found. Connect one and try again.');
  }
}
