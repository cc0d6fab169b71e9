import type { Database, Executor } from '../../db/client.adapter';
import type { Logger } from '../../platform/logger.adapter';
import { domainClaimsRepository as claims } from './domain-claims.repository';

/** `claimed`: the company now holds the domain; `in_review`: another company's confirmed claim stands. */
export type ClaimOutcome = 'claimed' | 'in_review';

/**
 * A company claims a domain for one of its confirmed owners or admins with an address there (the caller has
 * checked that). A domain nobody holds, or held without proof (no confirmed owner or admin at it), becomes
 * the company's; one held with proof stays where it is, and the contest goes to the platform admins.
 */
export async function claimDomain(
  tx: Executor,
  logger: Logger,
  input: { accountId: string; domain: string; userId: string },
): Promise<ClaimOutcome> {
  const { accountId, domain } = input;
  const holder = await claims.findHolderForUpdate(tx, domain);
  if (holder === accountId) return 'claimed';
  if (holder === undefined) {
    if (await claims.insertClaim(tx, accountId, domain)) return 'claimed';
  } else if (!(await claims.hasConfirmedManagerAt(tx, holder, domain))) {
    await claims.moveClaim(tx, domain, accountId);
    logger.info({ domain, accountId, from: holder }, 'unproven domain claim replaced by a confirmed one');
    return 'claimed';
  }
  await claims.recordConflict(tx, { domain, accountId, claimedBy: input.userId });
  logger.warn({ domain, accountId, holder }, 'domain claimed by two companies: left to the platform admins');
  return 'in_review';
}

export function createDomainClaimsAdmin(deps: { db: Database }) {
  return {
    async listConflicts() {
      const rows = await claims.listOpenConflicts(deps.db);
      return {
        items: rows.map((row) => ({
          id: row.id,
          domain: row.domain,
          claimant: { ...row.claimant, claimedBy: row.claimedBy },
          holder: row.holder,
          createdAt: row.createdAt.toISOString(),
        })),
      };
    },
  };
}
