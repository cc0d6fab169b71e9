import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import { AppError } from '../../platform/errors/app.errors';
import type { Logger } from '../../platform/logger.adapter';
import { decodeCursor, pageOf } from '../../platform/pagination.util';
import type { Actor, AuditRecorder } from '../audit';
import { type MailService, magicLinkMail } from '../mail';
import { type Account, accountsRepository as accounts } from './accounts.repository';
import { issueLink, linkLifetimeMs } from './links.service';
import { sessionsRepository as sessions } from './sessions.repository';
import { usersRepository } from './users.repository';
import { usersAdminRepository } from './users-admin.repository';

type AccountStatus = Account['status'];

const noUser = () => new AppError('not_found', 'There is no user with that id.');

/** Platform admins acting on accounts and people: each action and its audit row in one transaction. */
export function createAccountsAdminService(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  mail: Pick<MailService, 'send'>;
  audit: AuditRecorder;
}) {
  const { db, clock } = deps;

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

    async searchUsers(query: { q?: string | undefined; cursor?: string | undefined; limit: number }) {
      const before = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await usersAdminRepository.search(db, { q: query.q, before, limit: query.limit });
      const page = pageOf(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((row) => ({
          id: row.id,
          email: row.email,
          role: row.role,
          confirmedAt: row.confirmedAt?.toISOString() ?? null,
          lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
          createdAt: row.createdAt.toISOString(),
          account:
            row.accountId && row.accountName && row.accountKind && row.accountStatus && row.membershipRole
              ? {
                  id: row.accountId,
                  name: row.accountName,
                  kind: row.accountKind,
                  status: row.accountStatus,
                  role: row.membershipRole,
                }
              : null,
        })),
      };
    },

    /** Emails the person a fresh sign-in link, as if they had asked for one. */
    async sendSignInLink(userId: string, admin: Actor, reason: string | null) {
      await db.transaction(async (tx) => {
        const user = await usersRepository.findById(tx, userId);
        if (!user) throw noUser();
        const url = await issueLink(tx, {
          userId,
          purpose: 'magic_link',
          now: clock.now(),
          publicUrl: deps.publicUrl,
        });
        const expiresInMinutes = Math.round(linkLifetimeMs.magic_link / 60_000);
        await deps.mail.send(tx, user.email, magicLinkMail({ url, expiresInMinutes }));
        await deps.audit.record(tx, {
          actor: admin,
          action: 'user.send_sign_in_link',
          target: `user:${userId}`,
          reason,
          details: { email: user.email },
        });
      });
    },

    /** Signs the person out everywhere; they can sign in again. */
    async endSessions(userId: string, admin: Actor, reason: string) {
      return db.transaction(async (tx) => {
        const user = await usersRepository.findById(tx, userId);
        if (!user) throw noUser();
        const ended = await sessions.deleteAllOfUser(tx, userId);
        await deps.audit.record(tx, {
          actor: admin,
          action: 'user.end_sessions',
          target: `user:${userId}`,
          reason,
          details: { email: user.email, sessionsEnded: ended },
        });
        return { ended };
      });
    },

    /** Everyone the account has had; 404 for an unknown account. */
    async membersOf(accountId: string) {
      if (!(await accounts.findAccount(db, accountId)))
        throw new AppError('not_found', 'There is no account with that id.');
      const rows = await accounts.listAllMembers(db, accountId);
      return {
        items: rows.map((row) => ({
          id: row.id,
          email: row.email,
          role: row.removedAt ? 'removed' : row.role,
        })),
      };
    },

    /** Whether the account of a membership is suspended: why a call setup found no caller. */
    async isSuspendedMembership(membershipId: string): Promise<boolean> {
      return (await accounts.accountStatusOfMembership(db, membershipId)) === 'suspended';
    },
  };
}

export type AccountsAdminService = ReturnType<typeof createAccountsAdminService>;
