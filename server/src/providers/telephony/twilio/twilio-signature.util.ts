import twilio from 'twilio';
import { sameSecret } from '../../../platform/same-secret.util';

/**
 * Twilio's webhook signature (X-Twilio-Signature): HMAC-SHA1 of the URL followed by every form parameter,
 * keyed by the auth token. The real adapter verifies with it; the sandbox telephony signs with it, so that one
 * code path checks both.
 */
export function signWebhook(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/**
 * Whether `signature` signs the request. Twilio signs the URL it was given, which is ours as configured, so
 * that one is checked first: one HMAC for a genuine request. Only when it does not match does the SDK try the
 * forms Twilio may have signed instead (with or without the port, normalised), each another HMAC; the voice
 * webhook is on the path of every call setup.
 */
export function verifyWebhookSignature(
  authToken: string,
  request: { url: string; params: Record<string, string>; signature: string | undefined },
): boolean {
  if (!request.signature) return false;
  if (sameSecret(signWebhook(authToken, request.url, request.params), request.signature)) return true;
  return twilio.validateRequest(authToken, request.signature, request.url, request.params);
}
