import { createHmac } from 'node:crypto';
import { sameSecret } from '../../../platform/same-secret.util';
import type { CheckoutRequest, Metadata } from '../payments.port';

/** What a sandbox Checkout session knows, carried in its own (signed) id so that no process must remember it. */
export type SandboxSession = {
  mode: 'payment' | 'setup';
  amountCents: number | null;
  saveCard: boolean;
  customerId: string;
  description: string;
  metadata: Metadata;
  successUrl: string;
  cancelUrl: string;
  /** Milliseconds since the epoch; sessions last a day, as Stripe's do by default. */
  expiresAt: number;
  /** From the idempotency key: the same request makes the same session. */
  key: string;
};

const SESSION_LIFETIME_MS = 24 * 3600 * 1000;

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`sandbox-session.${body}`).digest('base64url');
}

export function encodeSession(request: CheckoutRequest, secret: string, now: Date, key: string): string {
  const session: SandboxSession = {
    mode: request.mode,
    amountCents: request.mode === 'payment' ? request.amountCents : null,
    saveCard: request.mode === 'payment' ? request.saveCard : true,
    customerId: request.customerId,
    description: request.description,
    metadata: request.metadata,
    successUrl: request.successUrl,
    cancelUrl: request.cancelUrl,
    expiresAt: now.getTime() + SESSION_LIFETIME_MS,
    key,
  };
  const body = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `cs_sb_${body}.${mac(secret, body)}`;
}

/** The session behind an id, or undefined for an id this sandbox did not sign. */
export function decodeSession(id: string, secret: string): SandboxSession | undefined {
  const match = /^cs_sb_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(id);
  if (!match?.[1] || !match[2]) return undefined;
  if (!sameSecret(mac(secret, match[1]), match[2])) return undefined;
  try {
    return JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as SandboxSession;
  } catch {
    return undefined;
  }
}
