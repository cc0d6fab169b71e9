import type { Config } from '../../config';
import type { Logger } from '../../platform/logger';
import type { TelephonyProvider } from './port';
import { createSandboxTelephony, type SandboxTelephony } from './sandbox/sandbox-telephony';
import { createTwilioTelephony } from './twilio/twilio.adapter';

export type {
  AccessToken,
  DialOutcome,
  FinalCallStatus,
  OutboundDestinationPrice,
  OutboundPriceList,
  SignedWebhook,
  TelephonyProvider,
} from './port';
export { TelephonyProviderError } from './port';
export { sandboxCallRoutes } from './sandbox/sandbox.routes';
export type { SandboxTelephony } from './sandbox/sandbox-telephony';

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
