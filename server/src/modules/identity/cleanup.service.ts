import type { Database } from '../../db/client.adapter';
import type { Logger } from '../../platform/logger.adapter';
import { accountsRepository as accounts } from './accounts.repository';
import { usersRepository as users } from './users.repository';

const NEVER_SIGNED_IN_GRACE_MS = 7 * 86_400_000;

/** Tells which accounts have money history (a wallet); such accounts are never deleted. */
export type MoneyHistory = (accountIds: string[]) => Promise<Set<string>>;

/**
 * Deletes people who were created by an invitation (or, before first links created nobody, by an email entry)
 * but never used their link nor signed in, 7 days on. Their own individual accounts go with them; a company only loses the unused seat. Nobody
 * whose account has money history is touched.
 */
export async function deleteNeverSignedIn(
  deps: { db: Database; logger: Logger; moneyHistory: MoneyHistory },
  now: Date,
): Promise<number> {
  const candidates = await users.findNeverSignedIn(
    deps.db,
    new Date(now.getTime() - NEVER_SIGNED_IN_GRACE_MS),
  );
  if (candidates.length === 0) return 0;
  const memberships = await accounts.membershipsWithCompany(
    deps.db,
    candidates.map((user) => user.id),
  );
  const ownAccounts = memberships.filter((m) => m.accountKind === 'individual' && m.otherMembers === 0);
  const withMoney = await deps.moneyHistory(ownAccounts.map((m) => m.accountId));
  const keptUsers = new Set(ownAccounts.filter((m) => withMoney.has(m.accountId)).map((m) => m.userId));
  const doomedUsers = candidates.filter((user) => !keptUsers.has(user.id)).map((user) => user.id);
  const doomedAccounts = ownAccounts.filter((m) => !keptUsers.has(m.userId)).map((m) => m.accountId);

  await deps.db.transaction(async (tx) => {
    await accounts.deleteMembershipsOf(tx, doomedUsers);
    await accounts.deleteAccounts(tx, doomedAccounts);
    for (const userId of doomedUsers) await users.deleteById(tx, userId);
  });
  deps.logger.info(
    { users: doomedUsers.length, accounts: doomedAccounts.length },
    'deleted people who never signed in',
  );
  return doomedUsers.length;
}
