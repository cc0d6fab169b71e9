import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './twilio-signature.util';

const TOKEN = 'auth-token-0123456789abcdef';
const URL_WITH_PORT = 'https://voice.example.test:8443/api/webhooks/twilio/voice';
const params = { CallSid: 'CA0123', From: 'client:member-1', To: '+12025550100', AccountSid: 'AC0' };

/** Twilio's documented scheme, written out: the URL, then each parameter name and value in name order. */
function twilioSignature(token: string, url: string, values: Record<string, string>): string {
  const data = Object.keys(values)
    .sort()
    .reduce((text, name) => text + name + values[name], url);
  return createHmac('sha1', token).update(data).digest('base64');
}

describe('signWebhook', () => {
  it('signs as Twilio documents it', () => {
    expect(signWebhook(TOKEN, URL_WITH_PORT, params)).toBe(twilioSignature(TOKEN, URL_WITH_PORT, params));
  });
});

describe('verifyWebhookSignature', () => {
  const verify = (signature: string | undefined, overrides: Partial<typeof params> = {}, token = TOKEN) =>
    verifyWebhookSignature(token, { url: URL_WITH_PORT, params: { ...params, ...overrides }, signature });

  it('accepts the signature of the URL as configured', () => {
    expect(verify(twilioSignature(TOKEN, URL_WITH_PORT, params))).toBe(true);
  });

  it('accepts the URL signed without its port, as Twilio may sign it', () => {
    const withoutPort = 'https://voice.example.test/api/webhooks/twilio/voice';
    expect(verify(twilioSignature(TOKEN, withoutPort, params))).toBe(true);
  });

  it('refuses a missing signature, a tampered parameter, another URL and another token', () => {
    const genuine = twilioSignature(TOKEN, URL_WITH_PORT, params);
    expect(verify(undefined)).toBe(false);
    expect(verify('')).toBe(false);
    expect(verify(genuine, { To: '+12025550199' })).toBe(false);
    expect(verify(twilioSignature(TOKEN, `${URL_WITH_PORT}/other`, params))).toBe(false);
    expect(verify(genuine, {}, 'another-token')).toBe(false);
    expect(verify(`${genuine}x`)).toBe(false);
  });
});
