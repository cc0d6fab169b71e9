import type { Config } from '../../config';
import type { Logger } from '../../platform/logger.adapter';
import { createSandboxTelephony, type SandboxTelephony } from './sandbox/sandbox-telephony.adapter';
import type { TelephonyProvider } from './telephony.port';
import { createTwilioTelephony } from './twilio/twilio.adapter';

export { sandboxCallRoutes } from './sandbox/sandbox.routes';
export type { SandboxTelephony } from './sandbox/sandbox-telephony.adapter';
export type {
  AccessToken,
  DialOutcome,
  FinalCallStatus,
  OutboundDestinationPrice,
  OutboundPriceList,
  SignedWebhook,
  TelephonyProvider,
} from './telephony.port';
export { TelephonyProviderError } from './telephony.port';

/**
 * Twilio when TWILIO_ACCOUNT_SID is set, else the sandbox that plays Twilio's part locally (`sandbox`: its
 * calls, which browsers reach through the sandbox routes).
 */
export function createTelephony(
  config: Config['telephony'],
  deps: { publicUrl: string; logger: Logger },
): { provider: TelephonyProvider; sandbox: SandboxTelephony | null } {
  if (config.kind === 'twilio') {
    return { provider: createTwilioTelephony(config, deps.logger), sandbox: null };
  }
  const sandbox = createSandboxTelephony({ ...config, publicUrl: deps.publicUrl }, deps.logger);
  return { provider: sandbox.provider, sandbox };
}
