import type { Executor } from '../../db/client.adapter';
import type { Logger } from '../../platform/logger.adapter';
import { accountsRepository as accounts } from './accounts.repository';
import { claimDomain } from './domain-claims.service';
import { companyDomainFor } from './email.domain';
import { knownDevicesRepository as knownDevices } from './known-devices.repository';
import type { SessionsService } from './sessions.service';
import type { User } from './users.repository';
import { usersRepository as users } from './users.repository';

/** Work to do once the transaction that proved an address has committed (e.g. telling the card processor). */
export type AfterCommit = () => Promise<void>;

/**
 * Another module's part of "what an unproven party set up" on an account (payments: the saved card and
 * automatic top-up), discarded in the proving transaction.
 */
export type UnprovenSetupDiscard = (tx: Executor, accountId: string) => Promise<AfterCommit | undefined>;

/** How the address was proven: the sign-up confirmation keeps what the person set up; any other proof does not. */
export type Proof = 'confirmation' | 'link' | 'reset';

export function createAddressProof(deps: {
  logger: Logger;
  sessions: Pick<SessionsService, 'endAllOf'>;
  discards: readonly UnprovenSetupDiscard[];
}) {
  /** The password, every session, and (unless a confirmed owner or admin shares the account) its card setup. */
  async function discardUnprovenSetup(tx: Executor, user: Pick<User, 'id' | 'passwordHash'>) {
    const after: AfterCommit[] = [];
    await users.clearPassword(tx, user.id);
    await deps.sessions.endAllOf(tx, user.id);
    await knownDevices.deleteAllOf(tx, user.id);
    const current = await accounts.activeMembershipOf(tx, user.id);
    const manages = current && current.membership.role !== 'seat';
    if (manages && !(await accounts.hasOtherConfirmedManager(tx, current.account.id, user.id))) {
      for (const discard of deps.discards) {
        const next = await discard(tx, current.account.id);
        if (next) after.push(next);
      }
    }
    deps.logger.info(
      { userId: user.id, hadPassword: user.passwordHash !== null },
      'address proven by a link: what was set up before it was proven is discarded',
    );
    return after;
  }

  /** A confirmed owner or admin of a company claims the domain of their own address (not public webmail). */
  async function claimOwnDomain(tx: Executor, user: Pick<User, 'id' | 'email'>) {
    const current = await accounts.activeMembershipOf(tx, user.id);
    const domain = companyDomainFor(user.email);
    if (!current || !domain || current.account.kind !== 'company' || current.membership.role === 'seat')
      return;
    await claimDomain(tx, deps.logger, { accountId: current.account.id, domain, userId: user.id });
  }

  return {
    /**
     * Records the first proof of a person's address. A proof other than the sign-up confirmation discards what
     * was set up before by whoever signed up without proving it; a confirmed owner or admin of a company then
     * claims their domain. Returns work for after the commit.
     */
    async prove(
      tx: Executor,
      user: Pick<User, 'id' | 'email' | 'passwordHash'>,
      proof: Proof,
      now: Date,
    ): Promise<AfterCommit[]> {
      if (!(await users.confirm(tx, user.id, now))) return [];
      const after = proof === 'confirmation' ? [] : await discardUnprovenSetup(tx, user);
      await claimOwnDomain(tx, user);
      return after;
    },
  };
}

export type AddressProof = ReturnType<typeof createAddressProof>;

/** Runs what a committed proof left to do, in order. */
export async function runAfterCommit(work: readonly AfterCommit[]) {
  for (const step of work) await step();
}
