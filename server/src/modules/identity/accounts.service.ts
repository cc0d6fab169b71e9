import type { Database, Executor } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import { AppError } from '../../platform/errors/app.errors';
import type { Principal } from '../../platform/http/auth.guards';
import type { Logger } from '../../platform/logger.adapter';
import { decodeCursor, pageOf } from '../../platform/pagination.util';
import { colleagueWaitingMail, type MailService } from '../mail';
import { requireCompany, requireConfirmedAddress, toMember } from './accounts.domain';
import { type Account, accountsRepository as accounts, type MembershipRole } from './accounts.repository';
import { domainClaimsRepository as claims } from './domain-claims.repository';
import { type ClaimOutcome, claimDomain } from './domain-claims.service';
import { domainOf, individualAccountName, isPublicMailDomain } from './email.domain';
import { identityErrors } from './identity.errors';
import { createInvitations } from './invitations.service';
import type { SessionsService } from './sessions.service';
import type { User } from './users.repository';

export type AccountsServiceDeps = {
  db: Database;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  mail: Pick<MailService, 'send'>;
  sessions: Pick<SessionsService, 'endAllOf'>;
};

/** A person placing calls for an account, through one membership (seat). */
export type Caller = {
  membershipId: string;
  userId: string;
  role: MembershipRole;
  account: { id: string; kind: Account['kind'] };
};

export function createAccountsService(deps: AccountsServiceDeps) {
  const { db, clock } = deps;

  async function createIndividualAccount(tx: Executor, user: Pick<User, 'id' | 'email'>): Promise<Account> {
    const account = await accounts.insertAccount(tx, {
      kind: 'individual',
      name: individualAccountName(user.email),
    });
    await accounts.insertMembership(tx, { accountId: account.id, userId: user.id, role: 'owner' });
    return account;
  }

  /**
   * Someone at a domain joined on their own because the company there has not proven an address at it yet:
   * its unconfirmed owners and admins are told how to let their colleagues join (never who it was).
   */
  async function tellUnconfirmedManagers(tx: Executor, domain: string) {
    const managers = await accounts.findUnconfirmedManagersAt(tx, domain);
    for (const manager of managers) {
      await deps.mail.send(
        tx,
        manager.email,
        colleagueWaitingMail({ companyName: manager.companyName, domain, url: `${deps.publicUrl}/settings` }),
      );
    }
  }

  const invitations = createInvitations(deps);

  return {
    createIndividualAccount,
    ...invitations,

    /**
     * A company with its founder as owner. Its domain is claimed only once the founder proves their address
     * (address-proof), so that an unproven sign-up never holds a domain.
     */
    async createCompanyAccount(
      tx: Executor,
      user: Pick<User, 'id' | 'email'>,
      name: string,
    ): Promise<Account> {
      const account = await accounts.insertAccount(tx, { kind: 'company', name });
      await accounts.insertMembership(tx, { accountId: account.id, userId: user.id, role: 'owner' });
      return account;
    },

    /**
     * A person who arrives by email and has no account yet: a seat of the company that provisions their
     * domain, or an individual account of their own. People whose seat was removed start over as individuals.
     */
    async ensureMembership(
      tx: Executor,
      user: Pick<User, 'id' | 'email'>,
      options: { provisionByDomain: boolean },
    ) {
      if (await accounts.activeMembershipOf(tx, user.id)) return;
      const domain = domainOf(user.email);
      const company = options.provisionByDomain
        ? await accounts.findCompanyProvisioning(tx, domain)
        : undefined;
      if (company) {
        await accounts.insertMembership(tx, { accountId: company.id, userId: user.id, role: 'seat' });
        deps.logger.info(
          { accountId: company.id, company: company.name, domain, userId: user.id },
          'seat provisioned by email domain',
        );
        return;
      }
      await createIndividualAccount(tx, user);
      if (options.provisionByDomain) await tellUnconfirmedManagers(tx, domain);
    },

    async listMembers(principal: Principal) {
      const [rows, domains, inReview] = await Promise.all([
        accounts.listMembers(db, principal.account.id),
        accounts.listDomains(db, principal.account.id),
        claims.openConflictDomainsOf(db, principal.account.id),
      ]);
      return { items: rows.map(toMember), domains, domainsInReview: inReview };
    },

    /** Changes a member's role; only owners touch the owner role, and the last owner stays an owner. */
    async changeRole(principal: Principal, membershipId: string, role: MembershipRole) {
      requireCompany(principal);
      return db.transaction(async (tx) => {
        const owners = await accounts.lockOwners(tx, principal.account.id);
        const member = await accounts.findMemberForUpdate(tx, principal.account.id, membershipId);
        if (!member) throw identityErrors.notFound('That member is not in this account.');
        if ((member.role === 'owner' || role === 'owner') && principal.membership.role !== 'owner') {
          throw identityErrors.forbidden('Only an owner can make or unmake owners.');
        }
        if (member.role === 'owner' && role !== 'owner' && owners.length <= 1)
          throw identityErrors.lastOwner();
        await accounts.setRole(tx, membershipId, role);
        return toMember({ ...member, role });
      });
    },

    /** Removes a member; their calls stay attributed to them, and their sessions end. */
    async removeMember(principal: Principal, membershipId: string) {
      await db.transaction(async (tx) => {
        const owners = await accounts.lockOwners(tx, principal.account.id);
        const member = await accounts.findMemberForUpdate(tx, principal.account.id, membershipId);
        if (!member) throw identityErrors.notFound('That member is not in this account.');
        if (member.role === 'owner') {
          if (principal.membership.role !== 'owner')
            throw identityErrors.forbidden('Only an owner can remove an owner.');
          if (owners.length <= 1) throw identityErrors.lastOwner();
        }
        await accounts.markRemoved(tx, membershipId, clock.now());
        await deps.sessions.endAllOf(tx, member.userId);
      });
    },

    /**
     * The domains whose new users join as seats. Public webmail is never allowed, and a domain must be one at
     * which an owner or admin of the company has their own address.
     */
    async setDomains(principal: Principal, domains: string[]) {
      requireCompany(principal);
      requireConfirmedAddress(principal, 'add your company domain');
      const unique = [...new Set(domains)];
      const publicOnes = unique.filter(isPublicMailDomain);
      if (publicOnes.length > 0) {
        throw new AppError(
          'public_domain_not_allowed',
          `${publicOnes.join(', ')} is public webmail: invite those people by address instead.`,
        );
      }
      return db.transaction(async (tx) => {
        const managers = (await accounts.listMembers(tx, principal.account.id)).filter(
          (member) => member.role !== 'seat' && member.confirmedAt !== null,
        );
        const claimers = new Map(managers.map((member) => [domainOf(member.email), member.userId]));
        const foreign = unique.filter((domain) => !claimers.has(domain));
        if (foreign.length > 0) {
          throw new AppError(
            'domain_not_verified',
            `${foreign.join(', ')}: only domains where an owner or admin of the company has their own confirmed address can be added.`,
          );
        }
        await claims.removeClaimsExcept(tx, principal.account.id, unique);
        const outcomes: ClaimOutcome[] = [];
        for (const domain of unique) {
          const userId = claimers.get(domain) ?? principal.user.id;
          outcomes.push(
            await claimDomain(tx, deps.logger, { accountId: principal.account.id, domain, userId }),
          );
        }
        return {
          domains: await accounts.listDomains(tx, principal.account.id),
          domainsInReview: unique.filter((_, index) => outcomes[index] === 'in_review'),
        };
      });
    },

    /** The addresses of an account's owners, for mail about its money (receipts, failed payments). */
    async ownerEmails(accountId: string): Promise<string[]> {
      const members = await accounts.listMembers(db, accountId);
      return members.filter((member) => member.role === 'owner').map((member) => member.email);
    },

    /** Every member the account has had; removed ones have the role `removed`. */
    async membersOf(accountId: string) {
      const rows = await accounts.listAllMembers(db, accountId);
      return rows.map((row) => ({
        id: row.id,
        email: row.email,
        role: row.removedAt ? 'removed' : row.role,
      }));
    },

    async accountExists(accountId: string): Promise<boolean> {
      return (await accounts.findAccount(db, accountId)) !== undefined;
    },

    async rename(principal: Principal, name: string) {
      await accounts.renameAccount(db, principal.account.id, name);
    },

    /** The addresses of these people, by user id (for lists that name who did what). */
    async emailsOf(userIds: readonly string[]): Promise<Map<string, string>> {
      const rows = await accounts.emailsOf(db, [...new Set(userIds)]);
      return new Map(rows.map((row) => [row.id, row.email]));
    },

    async searchAccounts(query: { q?: string; cursor?: string; limit: number }) {
      const before = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await accounts.search(db, { q: query.q, before, limit: query.limit });
      const page = pageOf(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
      return {
        ...page,
        items: page.items.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
      };
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
