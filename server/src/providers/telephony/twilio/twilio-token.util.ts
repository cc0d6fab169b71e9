import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import { sameSecret } from '../../../platform/same-secret.util';
import type { AccessToken } from '../telephony.port';

export type TokenKeys = { accountSid: string; apiKeySid: string; apiKeySecret: string; twimlAppSid: string };

/** What an access token says, once its signature and expiry are checked. */
export type AccessTokenClaims = { identity: string; applicationSid: string; expiresAt: Date };

function decodeSegment(segment: string | undefined): Record<string, unknown> | null {
  if (!segment) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * A Voice SDK access token: a JWT signed with the API key secret, whose VoiceGrant lets the browser call out
 * through the TwiML app (and only out: incoming calls are not allowed).
 */
export function createVoiceAccessToken(keys: TokenKeys, identity: string, ttlSeconds: number): AccessToken {
  const token = new twilio.jwt.AccessToken(keys.accountSid, keys.apiKeySid, keys.apiKeySecret, {
    identity,
    ttl: ttlSeconds,
  });
  token.addGrant(
    new twilio.jwt.AccessToken.VoiceGrant({ outgoingApplicationSid: keys.twimlAppSid, incomingAllow: false }),
  );
  const jwt = token.toJwt();
  const exp = Number(decodeSegment(jwt.split('.')[1])?.exp);
  return { token: jwt, expiresAt: new Date(exp * 1000) };
}

/**
 * Checks a Voice access token as Twilio does (HS256 signature, expiry, a voice grant) and reads who it is
 * for; null when it is not valid. The sandbox telephony uses this to admit browser calls.
 */
export function readVoiceAccessToken(token: string, secret: string, now: Date): AccessTokenClaims | null {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return null;
  if (decodeSegment(header)?.alg !== 'HS256') return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  if (!sameSecret(Buffer.from(signature, 'base64url'), expected)) return null;
  const claims = decodeSegment(payload);
  const grants = claims?.grants as {
    identity?: unknown;
    voice?: { outgoing?: { application_sid?: unknown } };
  };
  const exp = Number(claims?.exp);
  if (!Number.isFinite(exp) || exp * 1000 <= now.getTime()) return null;
  const identity = grants?.identity;
  const applicationSid = grants?.voice?.outgoing?.application_sid;
  if (typeof identity !== 'string' || typeof applicationSid !== 'string') return null;
  return { identity, applicationSid, expiresAt: new Date(exp * 1000) };
}
