import type { CallTokenResponse } from '@mobayilo/contract';
import type { PhoneDevice } from './phone-device';
import { createSandboxDevice } from './sandbox-device';

/** The sandbox device when the server runs the sandbox telephony, else Twilio's (loaded only then). */
export async function createPhoneDevice(token: CallTokenResponse): Promise<PhoneDevice> {
  if (token.sandbox) return createSandboxDevice(token);
  const { createTwilioDevice } = await import('./twilio-device');
  return createTwilioDevice(token);
}
