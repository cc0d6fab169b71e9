import type { Database } from '../../db/client';
import { AppError } from '../../platform/errors/app-error';
import type { Logger } from '../../platform/logger';
import type { Actor, AuditRecorder } from '../audit';
import { type Account, accountsRepository as accounts } from './accounts.repository';

type AccountStatus = Account['status'];

/** Platform admins acting on accounts: each action and its audit row in one transaction. */
export function createAccountsAdminService(deps: { db: Database; logger: Logger; audit: AuditRecorder }) {
  const { db } = deps;

  /** Moves an account between active and suspended; 409 when it is already there (or closed). */
  async function changeStatus(
    accountId: string,
    change: { from: AccountStatus; to: AccountStatus; action: string },
    admin: Actor,
    reason: string,
  ) {
    return db.transaction(async (tx) => {
      const account = await accounts.findAccountForUpdate(tx, accountId);
      if (!account) throw new AppError('not_found', 'There is no account with that id.');
      if (account.status !== change.from)
        throw new AppError(
          'conflict',
          `This account is ${account.status}, so it cannot be changed that way.`,
        );
      await accounts.setAccountStatus(tx, accountId, change.to);
      await deps.audit.record(tx, {
        actor: admin,
        action: change.action,
        target: `account:${accountId}`,
        reason,
        details: { name: account.name, statusBefore: account.status, statusAfter: change.to },
      });
      deps.logger.info({ accountId, adminId: admin.id, status: change.to }, 'account status changed');
      return { id: accountId, status: change.to };
    });
  }

  return {
    /** Its members can no longer get a call token or place a call; its numbers keep their own state. */
    suspend: (accountId: string, admin: Actor, reason: string) =>
      changeStatus(accountId, { from: 'active', to: 'suspended', action: 'account.suspend' }, admin, reason),

    unsuspend: (accountId: string, admin: Actor, reason: string) =>
      changeStatus(
        accountId,
        { from: 'suspended', to: 'active', action: 'account.unsuspend' },
        admin,
        reason,
      ),

    /** Whether the account of a membership is suspended: why a call setup found no caller. */
    async isSuspendedMembership(membershipId: string): Promise<boolean> {
      return (await accounts.accountStatusOfMembership(db, membershipId)) === 'suspended';
    },
  };
}

export type AccountsAdminService = ReturnType<typeof createAccountsAdminService>;
