import type { Principal } from '../../platform/http/auth.guards';
import type { MemberRow } from './accounts.repository';
import { identityErrors } from './identity.errors';

/** A member as the API answers it. */
export function toMember(row: MemberRow) {
  return {
    id: row.id,
    userId: row.userId,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    confirmed: row.confirmedAt !== null,
  };
}

/** Saving a card, automatic top-ups, domains and invitations wait until the person has proven their address. */
export function requireConfirmedAddress(principal: Principal, what: string) {
  if (!principal.user.confirmed) throw identityErrors.emailNotConfirmed(what);
}

export function requireCompany(principal: Principal) {
  if (principal.account.kind !== 'company') {
    throw identityErrors.forbidden('Only company accounts have seats and domains.');
  }
}
