import { and, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import { isUniqueViolation } from '../../db/postgres.errors';
import type { Position } from '../../platform/pagination.util';
import type { AutoTopupPauseReason, TopupKind } from './payments.domain';
import { autoTopupSettings, paymentCustomers, paymentMethods, topups } from './tables';

export type Topup = typeof topups.$inferSelect;
export type SavedCard = typeof paymentMethods.$inferSelect;
export type AutoTopupSettings = typeof autoTopupSettings.$inferSelect;
export type NewCard = Pick<SavedCard, 'providerPaymentMethodId' | 'brand' | 'last4' | 'expMonth' | 'expYear'>;

/** Customers, saved cards, top-ups and auto top-up settings. Recoveries live in recoveries.repository.ts. */
export const paymentsRepository = {
  async findCustomerId(db: Executor, accountId: string): Promise<string | undefined> {
    const [row] = await db.select().from(paymentCustomers).where(eq(paymentCustomers.accountId, accountId));
    return row?.providerCustomerId;
  },

  /** Records the account's customer unless one was recorded first; returns the one that stands. */
  async saveCustomerId(db: Executor, accountId: string, providerCustomerId: string): Promise<string> {
    await db.insert(paymentCustomers).values({ accountId, providerCustomerId }).onConflictDoNothing();
    const stored = await paymentsRepository.findCustomerId(db, accountId);
    if (!stored) throw new Error(`no customer stored for ${accountId}`);
    return stored;
  },

  async findActiveCard(db: Executor, accountId: string): Promise<SavedCard | undefined> {
    const [row] = await db
      .select()
      .from(paymentMethods)
      .where(and(eq(paymentMethods.accountId, accountId), isNull(paymentMethods.removedAt)));
    return row;
  },

  /**
   * Makes `card` the account's saved card, retiring the one before. Saving the card that is already active
   * changes nothing. The caller holds the account's settings lock, so two saves cannot interleave.
   */
  async replaceCard(db: Executor, accountId: string, card: NewCard, at: Date): Promise<boolean> {
    const active = await paymentsRepository.findActiveCard(db, accountId);
    if (active?.providerPaymentMethodId === card.providerPaymentMethodId) return false;
    if (active)
      await db.update(paymentMethods).set({ removedAt: at }).where(eq(paymentMethods.id, active.id));
    await db
      .insert(paymentMethods)
      .values({ accountId, ...card, createdAt: at })
      .onConflictDoNothing();
    return true;
  },

  async removeCard(db: Executor, accountId: string, at: Date): Promise<SavedCard | undefined> {
    const [row] = await db
      .update(paymentMethods)
      .set({ removedAt: at })
      .where(and(eq(paymentMethods.accountId, accountId), isNull(paymentMethods.removedAt)))
      .returning();
    return row;
  },

  async insertTopup(
    db: Executor,
    values: Pick<
      Topup,
      'accountId' | 'kind' | 'amountCents' | 'saveCard' | 'createdBy' | 'notifyEmail' | 'createdAt'
    >,
  ): Promise<Topup> {
    const [row] = await db.insert(topups).values(values).returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  },

  /** An automatic top-up attempt, unless one is already in flight for the account (then undefined). */
  async insertAutoAttempt(
    db: Executor,
    values: Pick<Topup, 'accountId' | 'amountCents' | 'createdAt'>,
  ): Promise<Topup | undefined> {
    try {
      return await paymentsRepository.insertTopup(db, {
        ...values,
        kind: 'auto',
        saveCard: false,
        createdBy: null,
        notifyEmail: null,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'topups_one_pending_auto_per_account')) return undefined;
      throw error;
    }
  },

  async findTopup(db: Executor, id: string): Promise<Topup | undefined> {
    const [row] = await db.select().from(topups).where(eq(topups.id, id));
    return row;
  },

  async findTopupForUpdate(db: Executor, id: string): Promise<Topup | undefined> {
    const [row] = await db.select().from(topups).where(eq(topups.id, id)).for('update');
    return row;
  },

  async findTopupByPaymentIntent(db: Executor, paymentIntentId: string): Promise<Topup | undefined> {
    const [row] = await db.select().from(topups).where(eq(topups.paymentIntentId, paymentIntentId));
    return row;
  },

  async findTopupByCheckoutSession(db: Executor, sessionId: string): Promise<Topup | undefined> {
    const [row] = await db.select().from(topups).where(eq(topups.checkoutSessionId, sessionId));
    return row;
  },

  async setCheckoutSession(db: Executor, id: string, checkoutSessionId: string) {
    await db.update(topups).set({ checkoutSessionId }).where(eq(topups.id, id));
  },

  /** Pending or failed → succeeded, once; returns the row only when this call made the change. */
  async markSucceeded(
    db: Executor,
    id: string,
    values: Pick<Topup, 'paymentIntentId' | 'creditedCents' | 'cardBrand' | 'cardLast4' | 'completedAt'>,
  ): Promise<Topup | undefined> {
    const [row] = await db
      .update(topups)
      .set({ ...values, status: 'succeeded', failureCode: null, failureMessage: null })
      .where(and(eq(topups.id, id), inArray(topups.status, ['pending', 'failed'])))
      .returning();
    return row;
  },

  /** Pending → failed, once; a top-up that succeeded meanwhile stays succeeded. */
  async markFailed(
    db: Executor,
    id: string,
    values: Pick<Topup, 'failureCode' | 'failureMessage' | 'completedAt'> & {
      paymentIntentId: string | null;
    },
  ): Promise<Topup | undefined> {
    const [row] = await db
      .update(topups)
      .set({
        status: 'failed',
        failureCode: values.failureCode,
        failureMessage: values.failureMessage,
        completedAt: values.completedAt,
        ...(values.paymentIntentId
          ? { paymentIntentId: sql`coalesce(${topups.paymentIntentId}, ${values.paymentIntentId})` }
          : {}),
      })
      .where(and(eq(topups.id, id), eq(topups.status, 'pending')))
      .returning();
    return row;
  },

  async recordRefunded(db: Executor, id: string, refundedCents: number, fully: boolean) {
    await db
      .update(topups)
      .set({ refundedCents, ...(fully ? { status: 'refunded' as const } : {}) })
      .where(eq(topups.id, id));
  },

  async recordDisputed(db: Executor, id: string, disputedCents: number) {
    await db.update(topups).set({ disputedCents }).where(eq(topups.id, id));
  },

  async listTopups(db: Executor, accountId: string, page: { before?: Position; limit: number }) {
    return db
      .select()
      .from(topups)
      .where(
        and(
          eq(topups.accountId, accountId),
          page.before
            ? or(
                lt(topups.createdAt, page.before.at),
                and(eq(topups.createdAt, page.before.at), lt(topups.id, page.before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(topups.createdAt), desc(topups.id))
      .limit(page.limit + 1);
  },

  async findPendingAuto(db: Executor, accountId: string): Promise<Topup | undefined> {
    const [row] = await db
      .select()
      .from(topups)
      .where(and(eq(topups.accountId, accountId), eq(topups.kind, 'auto'), eq(topups.status, 'pending')));
    return row;
  },

  /** Automatic top-ups since `since` that charged or may still charge the card. */
  async sumAutoSince(db: Executor, accountId: string, since: Date): Promise<number> {
    const [row] = await db
      .select({ total: sql<string>`coalesce(sum(${topups.amountCents}), 0)` })
      .from(topups)
      .where(
        and(
          eq(topups.accountId, accountId),
          eq(topups.kind, 'auto'),
          inArray(topups.status, ['pending', 'succeeded', 'refunded']),
          gte(topups.createdAt, since),
        ),
      );
    return Number(row?.total ?? 0);
  },

  async latestOfKind(db: Executor, accountId: string, kinds: TopupKind[]): Promise<Topup | undefined> {
    const [row] = await db
      .select()
      .from(topups)
      .where(and(eq(topups.accountId, accountId), inArray(topups.kind, kinds)))
      .orderBy(desc(topups.createdAt))
      .limit(1);
    return row;
  },

  async findSettings(db: Executor, accountId: string): Promise<AutoTopupSettings | undefined> {
    const [row] = await db.select().from(autoTopupSettings).where(eq(autoTopupSettings.accountId, accountId));
    return row;
  },

  /** The settings row locked for the rest of the transaction (card and settings changes take turns). */
  async lockSettings(db: Executor, accountId: string): Promise<AutoTopupSettings | undefined> {
    const [row] = await db
      .select()
      .from(autoTopupSettings)
      .where(eq(autoTopupSettings.accountId, accountId))
      .for('update');
    return row;
  },

  async saveSettings(
    db: Executor,
    values: Pick<
      AutoTopupSettings,
      'accountId' | 'enabled' | 'thresholdCents' | 'amountCents' | 'dailyCapCents' | 'updatedAt' | 'updatedBy'
    >,
  ): Promise<AutoTopupSettings> {
    // Saving settings is the person's decision: it clears any pause and the failure count.
    const fresh = { ...values, consecutiveFailures: 0, pausedReason: null, pausedAt: null };
    const [row] = await db
      .insert(autoTopupSettings)
      .values(fresh)
      .onConflictDoUpdate({ target: autoTopupSettings.accountId, set: fresh })
      .returning();
    if (!row) throw new Error('upsert returned no row');
    return row;
  },

  /** One more failed automatic charge; pauses at `pauseAfter` failures in a row. */
  async countFailure(db: Executor, accountId: string, pauseAfter: number, at: Date) {
    const [row] = await db
      .update(autoTopupSettings)
      .set({
        consecutiveFailures: sql`${autoTopupSettings.consecutiveFailures} + 1`,
        pausedReason: sql`case when ${autoTopupSettings.consecutiveFailures} + 1 >= ${pauseAfter}
          then coalesce(${autoTopupSettings.pausedReason}, 'failures') else ${autoTopupSettings.pausedReason} end`,
        pausedAt: sql`case when ${autoTopupSettings.consecutiveFailures} + 1 >= ${pauseAfter}
          then coalesce(${autoTopupSettings.pausedAt}, ${at.toISOString()}::timestamptz)
          else ${autoTopupSettings.pausedAt} end`,
      })
      .where(eq(autoTopupSettings.accountId, accountId))
      .returning();
    return row;
  },

  async resetFailures(db: Executor, accountId: string) {
    await db
      .update(autoTopupSettings)
      .set({ consecutiveFailures: 0 })
      .where(
        and(eq(autoTopupSettings.accountId, accountId), sql`${autoTopupSettings.consecutiveFailures} > 0`),
      );
  },

  /** Turns automatic top-ups off (the amounts stay, for whoever turns them on again). */
  async disable(db: Executor, accountId: string, at: Date) {
    await db
      .update(autoTopupSettings)
      .set({ enabled: false, updatedAt: at, updatedBy: null })
      .where(eq(autoTopupSettings.accountId, accountId));
  },

  async pause(db: Executor, accountId: string, reason: AutoTopupPauseReason, at: Date) {
    await db
      .update(autoTopupSettings)
      .set({ pausedReason: reason, pausedAt: at })
      .where(and(eq(autoTopupSettings.accountId, accountId), eq(autoTopupSettings.enabled, true)));
  },
};
