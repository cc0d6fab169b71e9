import type { Executor } from '../../db/client.adapter';
import { AppError } from '../../platform/errors/app.errors';
import type { Principal } from '../../platform/http/auth.guards';
import { companyInviteMail, seatInviteMail } from '../mail';
import { requireCompany, requireConfirmedAddress, toMember } from './accounts.domain';
import { accountsRepository as accounts } from './accounts.repository';
import type { AccountsServiceDeps } from './accounts.service';
import { domainOf } from './email.domain';
import { issueLink, linkLifetimeMs } from './links.service';
import type { User } from './users.repository';
import { usersRepository as users } from './users.repository';

/** Seat invitations: the link goes to the invitee's inbox only, never back to the inviter. */
export function createInvitations(deps: Omit<AccountsServiceDeps, 'sessions'>) {
  const { db, clock } = deps;
  return {
    /**
     * Adds a seat and emails an invitation. A company with claimed domains may add people of those domains
     * only; a company without (its founders use public webmail) invites by exact address. Someone who already
     * uses Mobayilo is only invited: they join when they accept. The link goes to the invitee's inbox only.
     */
    async inviteSeat(principal: Principal, email: string) {
      requireCompany(principal);
      requireConfirmedAddress(principal, 'invite people');
      const domains = await accounts.listDomains(db, principal.account.id);
      if (domains.length > 0 && !domains.includes(domainOf(email))) {
        throw new AppError(
          'domain_not_allowed',
          `Only addresses at ${domains.join(', ')} can join this company.`,
          {
            fields: [{ path: 'body.email', message: `Use an address at ${domains.join(', ')}` }],
          },
        );
      }
      const now = clock.now();
      const expiresInDays = Math.round(linkLifetimeMs.seat_invite / 86_400_000);
      return db.transaction(async (tx) => {
        const existing = await users.findByEmail(tx, email);
        if (existing) {
          const current = await accounts.activeMembershipOf(tx, existing.id);
          if (current?.account.id === principal.account.id) {
            throw new AppError('already_a_member', `${email} is already in ${principal.account.name}.`);
          }
          if (current)
            throw new AppError('already_has_account', `${email} already uses Mobayilo with another account.`);
          const url = await issueLink(tx, {
            userId: existing.id,
            purpose: 'seat_invite',
            now,
            publicUrl: deps.publicUrl,
            accountId: principal.account.id,
          });
          await deps.mail.send(
            tx,
            existing.email,
            companyInviteMail({
              url,
              companyName: principal.account.name,
              inviterEmail: principal.user.email,
              expiresInDays,
            }),
          );
          deps.logger.info({ accountId: principal.account.id, userId: existing.id }, 'existing user invited');
          return { status: 'invited' as const, member: null };
        }
        const user = await users.insert(tx, { email, createdAt: now });
        const membership = await accounts.insertMembership(tx, {
          accountId: principal.account.id,
          userId: user.id,
          role: 'seat',
        });
        const inviteUrl = await issueLink(tx, {
          userId: user.id,
          purpose: 'seat_invite',
          now,
          publicUrl: deps.publicUrl,
        });
        await deps.mail.send(
          tx,
          email,
          seatInviteMail({
            url: inviteUrl,
            companyName: principal.account.name,
            inviterEmail: principal.user.email,
            expiresInDays,
          }),
        );
        deps.logger.info({ accountId: principal.account.id, membershipId: membership.id }, 'seat invited');
        const member = toMember({
          id: membership.id,
          userId: user.id,
          email: user.email,
          role: membership.role,
          createdAt: membership.createdAt,
          lastSignInAt: user.lastSignInAt,
          confirmedAt: user.confirmedAt,
        });
        return { status: 'added' as const, member };
      });
    },

    /**
     * Someone who already used Mobayilo accepted a company's invitation: they take their seat unless they have
     * joined an account since.
     */
    async acceptInvitation(tx: Executor, user: Pick<User, 'id'>, accountId: string) {
      if (await accounts.activeMembershipOf(tx, user.id)) return;
      const account = await accounts.findAccount(tx, accountId);
      if (account?.kind !== 'company' || account.status !== 'active') return;
      await accounts.insertMembership(tx, { accountId, userId: user.id, role: 'seat' });
      deps.logger.info({ accountId, userId: user.id }, 'invitation accepted');
    },
  };
}
