import { and, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import type { Position } from '../../platform/pagination.util';
import type { RecoveryKind } from './payments.domain';
import { paymentRecoveries } from './tables';

export type Recovery = typeof paymentRecoveries.$inferSelect;

/** Refunds and disputes taken back from wallets, and what the wallets could not cover. */
export const recoveriesRepository = {
  async find(db: Executor, kind: RecoveryKind, sourceKey: string): Promise<Recovery | undefined> {
    const [row] = await db
      .select()
      .from(paymentRecoveries)
      .where(and(eq(paymentRecoveries.kind, kind), eq(paymentRecoveries.sourceKey, sourceKey)));
    return row;
  },

  /** Records the plan unless one exists for this source already; returns the plan that stands. */
  async insertOnce(
    db: Executor,
    values: Pick<
      Recovery,
      | 'accountId'
      | 'topupId'
      | 'kind'
      | 'sourceKey'
      | 'requestedCents'
      | 'takenCents'
      | 'owedCents'
      | 'ledgerKey'
      | 'createdAt'
    >,
  ): Promise<Recovery> {
    await db.insert(paymentRecoveries).values(values).onConflictDoNothing();
    const stored = await recoveriesRepository.find(db, values.kind, values.sourceKey);
    if (!stored) throw new Error(`no recovery stored for ${values.kind} ${values.sourceKey}`);
    return stored;
  },

  /** A smaller take after the ledger refused the planned one (the wallet spent the money meanwhile). */
  async replan(db: Executor, id: string, plan: Pick<Recovery, 'takenCents' | 'owedCents' | 'ledgerKey'>) {
    const [row] = await db
      .update(paymentRecoveries)
      .set(plan)
      .where(eq(paymentRecoveries.id, id))
      .returning();
    if (!row) throw new Error(`recovery ${id} vanished`);
    return row;
  },

  async markApplied(db: Executor, id: string, values: { holdId: string | null; at: Date }) {
    await db
      .update(paymentRecoveries)
      .set({ holdId: values.holdId, appliedAt: values.at })
      .where(eq(paymentRecoveries.id, id));
  },

  async resolve(db: Executor, id: string, resolution: string) {
    await db.update(paymentRecoveries).set({ resolution }).where(eq(paymentRecoveries.id, id));
  },

  /** What wallets still owe, newest first. */
  async listOwed(db: Executor, page: { before?: Position; limit: number }) {
    return db
      .select()
      .from(paymentRecoveries)
      .where(
        and(
          gt(paymentRecoveries.owedCents, 0),
          // A won dispute gave the money back: nothing is owed any more.
          sql`${paymentRecoveries.resolution} is distinct from 'won'`,
          page.before
            ? or(
                lt(paymentRecoveries.createdAt, page.before.at),
                and(
                  eq(paymentRecoveries.createdAt, page.before.at),
                  lt(paymentRecoveries.id, page.before.id),
                ),
              )
            : undefined,
        ),
      )
      .orderBy(desc(paymentRecoveries.createdAt), desc(paymentRecoveries.id))
      .limit(page.limit + 1);
  },
};
