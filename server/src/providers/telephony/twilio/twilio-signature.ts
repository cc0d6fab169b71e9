import twilio from 'twilio';

/**
 * Twilio's webhook signature (X-Twilio-Signature): HMAC-SHA1 of the URL followed by every form parameter,
 * keyed by the auth token. The real adapter verifies with it; the sandbox telephony signs with it, so that one
 * code path checks both.
 */
export function signWebhook(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

export function verifyWebhookSignature(
  authToken: string,
  request: { url: string; params: Record<string, string>; signature: string | undefined },
): boolean {
  if (!request.signature) return false;
  return twilio.validateRequest(authToken, request.signature, request.url, request.params);
}
