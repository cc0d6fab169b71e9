import type { Executor } from '../../db/client.adapter';
import type { LoginTokenPurpose } from './login-tokens.repository';
import { loginTokensRepository } from './login-tokens.repository';
import { hashToken, newToken } from './tokens.util';

const MINUTE = 60_000;

/** How long each kind of emailed link works (magic links: 10 minutes, OWASP ASVS 6.5.5). */
export const linkLifetimeMs: Record<LoginTokenPurpose, number> = {
  magic_link: 10 * MINUTE,
  password_reset: 30 * MINUTE,
  seat_invite: 7 * 24 * 60 * MINUTE,
  email_confirmation: 3 * 24 * 60 * MINUTE,
};

const linkPath: Record<LoginTokenPurpose, string> = {
  magic_link: '/magic/',
  seat_invite: '/magic/',
  password_reset: '/reset/',
  email_confirmation: '/confirm/',
};

/** Creates a single-use token for the user and returns the link that carries it. */
export async function issueLink(
  executor: Executor,
  input: {
    /** Null for a first sign-in link to an address nobody uses yet: then `email` says whose it is. */
    userId: string | null;
    email?: string;
    purpose: LoginTokenPurpose;
    now: Date;
    publicUrl: string;
    /** For an invitation of someone who already uses Mobayilo: the company they join once they accept. */
    accountId?: string;
  },
): Promise<string> {
  const token = newToken();
  await loginTokensRepository.insert(executor, {
    userId: input.userId,
    email: input.userId ? null : (input.email ?? null),
    purpose: input.purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(input.now.getTime() + linkLifetimeMs[input.purpose]),
    accountId: input.accountId ?? null,
  });
  return `${input.publicUrl}${linkPath[input.purpose]}${token}`;
}
