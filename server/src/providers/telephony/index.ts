import type { Config } from '../../config';
import type { TelephonyProvider } from './port';
import { createSandboxTelephony } from './sandbox/sandbox-telephony';
import { createTwilioTelephony } from './twilio/twilio.adapter';

export type {
  OutboundDestinationPrice,
  OutboundPriceList,
  TelephonyProvider,
} from './port';
export { TelephonyProviderError } from './port';

/** Twilio when TWILIO_ACCOUNT_SID is set, else the sandbox that plays Twilio's part locally. */
export function createTelephonyProvider(config: Config['telephony']): TelephonyProvider {
  if (config.kind === 'twilio') {
    return createTwilioTelephony({
      accountSid: config.accountSid,
      authToken: config.authToken,
      apiUrl: config.apiUrl,
    });
  }
  return createSandboxTelephony();
}
