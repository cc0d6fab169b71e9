import type { Transaction } from '../../db/client.adapter';
import { isAppError } from '../../platform/errors/app.errors';
import { decodeCursor, pageOf } from '../../platform/pagination.util';
import { disputeAlertMail } from '../mail';
import type { RecoveryKind } from './payments.domain';
import { paymentsRepository as payments, type Topup } from './payments.repository';
import type { PaymentsDeps } from './payments-deps.types';
import { type Recovery, recoveriesRepository as repository } from './recoveries.repository';

/** A dispute lasts months; the hold outlives any dispute (the sweeper would release it after that). */
const DISPUTE_HOLD_MS = 180 * 86_400_000;
const MAX_REPLANS = 3;

export type RefundInput = {
  chargeId: string;
  paymentIntentId: string | null;
  topupId: string | null;
  /** Stripe's `amount_refunded`: everything refunded on the charge so far. */
  amountRefundedCents: number;
};

export type DisputeInput = {
  disputeId: string;
  paymentIntentId: string | null;
  topupId: string | null;
  amountCents: number;
  reason: string;
  status: string;
};

export type RecoveryOutcome = 'applied' | 'nothing_new' | 'unknown_topup';

/**
 * Refunds and disputes take money back from the wallet it was credited to. The wallet never goes below
 * zero: what it can cover is taken (refund) or held (dispute), the rest is recorded as owed for admins. The
 * amount is planned and stored before the ledger moves it, so a retry moves exactly the planned amount.
 */
export function createRecoveries(deps: PaymentsDeps) {
  const { db, clock, ledger, logger } = deps;

  /**
   * The top-up a charge paid: by its PaymentIntent once credited, else by our reference on the object or on
   * its PaymentIntent at the processor (a refund can arrive before the payment's own events).
   */
  async function findTopup(input: { paymentIntentId: string | null; topupId: string | null }) {
    const { paymentIntentId } = input;
    const byIntent = paymentIntentId
      ? await payments.findTopupByPaymentIntent(db, paymentIntentId)
      : undefined;
    if (byIntent) return byIntent;
    const topupId =
      input.topupId ??
      (paymentIntentId
        ? (await deps.provider.retrievePaymentIntent(paymentIntentId)).metadata.topupId
        : undefined);
    return topupId ? payments.findTopup(db, topupId) : undefined;
  }

  /** A top-up not credited yet cannot be taken back from: the event is retried once the credit lands. */
  function requireCredited(topup: Topup, what: string) {
    if (topup.status !== 'succeeded' && topup.status !== 'refunded')
      throw new Error(`${what} for top-up ${topup.id} arrived before its credit; retrying later`);
  }

  async function availableOf(accountId: string): Promise<number> {
    return Math.max(0, (await ledger.walletSummary(accountId)).availableCents);
  }

  /** Moves the planned amount; when the wallet spent it meanwhile, plans what is left and tries again. */
  async function apply(plan: Recovery, move: (plan: Recovery) => Promise<string | null>): Promise<Recovery> {
    let current = plan;
    for (let attempt = 1; attempt <= MAX_REPLANS; attempt += 1) {
      if (current.appliedAt) return current;
      try {
        const holdId = current.takenCents > 0 ? await move(current) : null;
        await repository.markApplied(db, current.id, { holdId, at: clock.now() });
        return { ...current, holdId, appliedAt: clock.now() };
      } catch (error) {
        if (!isAppError(error) || error.code !== 'insufficient_funds') throw error;
        const takenCents = Math.min(current.takenCents, await availableOf(current.accountId));
        current = await repository.replan(db, current.id, {
          takenCents,
          owedCents: current.requestedCents - takenCents,
          ledgerKey: `${plan.ledgerKey}:${attempt}`,
        });
      }
    }
    throw new Error(`recovery ${plan.id} could not be applied after ${MAX_REPLANS} plans`);
  }

  async function plan(
    tx: Transaction,
    topup: Topup,
    input: { kind: RecoveryKind; sourceKey: string; requestedCents: number; ledgerKey: string },
  ) {
    const takenCents = Math.min(input.requestedCents, await availableOf(topup.accountId));
    return repository.insertOnce(tx, {
      accountId: topup.accountId,
      topupId: topup.id,
      ...input,
      takenCents,
      owedCents: input.requestedCents - takenCents,
      createdAt: clock.now(),
    });
  }

  function logOwed(recovery: Recovery) {
    if (recovery.owedCents > 0)
      logger.warn(
        { accountId: recovery.accountId, kind: recovery.kind, owedCents: recovery.owedCents },
        'a wallet could not cover money taken back; the rest is recorded as owed',
      );
  }

  return {
    /**
     * Debits the newly refunded part of a charge (`amount_refunded` is cumulative, so each event takes only
     * what the ones before did not). An older event arriving after a newer one takes nothing.
     */
    async applyRefund(input: RefundInput): Promise<RecoveryOutcome> {
      const topup = await findTopup(input);
      if (!topup) return 'unknown_topup';
      requireCredited(topup, 'A refund');
      const sourceKey = `${input.chargeId}:${input.amountRefundedCents}`;
      // Planned under the top-up's lock, in one transaction with the new refunded total.
      const recovery = await db.transaction(async (tx) => {
        const locked = await payments.findTopupForUpdate(tx, topup.id);
        const existing = await repository.find(tx, 'refund', sourceKey);
        if (existing || !locked) return existing;
        const newCents = input.amountRefundedCents - locked.refundedCents;
        if (newCents <= 0) return undefined;
        const credited = locked.creditedCents ?? locked.amountCents;
        await payments.recordRefunded(
          tx,
          locked.id,
          input.amountRefundedCents,
          input.amountRefundedCents >= credited,
        );
        return plan(tx, locked, {
          kind: 'refund',
          sourceKey,
          requestedCents: newCents,
          ledgerKey: `refund:${sourceKey}`,
        });
      });
      if (!recovery) return 'nothing_new';
      const applied = await apply(recovery, async (current) => {
        await ledger.debit({
          accountId: current.accountId,
          amountCents: current.takenCents,
          kind: 'refund',
          idempotencyKey: current.ledgerKey,
          reference: input.chargeId,
          memo: 'Card payment refunded',
          actor: 'job:payments',
        });
        return null;
      });
      logOwed(applied);
      return 'applied';
    },

    /**
     * Holds the disputed amount in the wallet until the dispute closes, pauses automatic top-ups and alerts
     * the admins (email and an error-level log line), once per dispute.
     */
    async openDispute(input: DisputeInput): Promise<RecoveryOutcome> {
      const topup = await findTopup(input);
      if (!topup) return 'unknown_topup';
      requireCredited(topup, 'A dispute');
      const recovery = await db.transaction(async (tx) => {
        const locked = await payments.findTopupForUpdate(tx, topup.id);
        const existing = await repository.find(tx, 'dispute', input.disputeId);
        if (existing || !locked) return existing;
        const planned = await plan(tx, locked, {
          kind: 'dispute',
          sourceKey: input.disputeId,
          requestedCents: input.amountCents,
          ledgerKey: `dispute:${input.disputeId}`,
        });
        await payments.recordDisputed(tx, locked.id, locked.disputedCents + input.amountCents);
        await payments.pause(tx, locked.accountId, 'dispute', clock.now());
        const alert = disputeAlertMail({
          accountId: locked.accountId,
          disputeId: input.disputeId,
          amountCents: input.amountCents,
          heldCents: planned.takenCents,
          owedCents: planned.owedCents,
          reason: input.reason,
        });
        for (const to of deps.settings.adminEmails) await deps.mail.send(tx, to, alert);
        logger.error(
          { accountId: locked.accountId, disputeId: input.disputeId, amountCents: input.amountCents },
          'card dispute opened: the disputed amount is held and automatic top-ups are paused',
        );
        return planned;
      });
      if (!recovery) return 'unknown_topup';
      const applied = await apply(recovery, async (current) => {
        const { hold } = await ledger.hold({
          accountId: current.accountId,
          amountCents: current.takenCents,
          idempotencyKey: current.ledgerKey,
          expiresAt: new Date(clock.now().getTime() + DISPUTE_HOLD_MS),
          reference: input.disputeId,
          memo: 'Card dispute',
          actor: 'job:payments',
        });
        return hold.id;
      });
      logOwed(applied);
      return 'applied';
    },

    /** A closed dispute: won releases the held money, lost keeps it (the hold is captured). */
    async closeDispute(input: DisputeInput): Promise<RecoveryOutcome> {
      const recovery = await repository.find(db, 'dispute', input.disputeId);
      if (!recovery?.appliedAt) throw new Error(`dispute ${input.disputeId} closed before it was applied`);
      if (recovery.resolution) return 'nothing_new';
      if (recovery.holdId) {
        if (input.status === 'lost')
          await ledger.capture({
            holdId: recovery.holdId,
            amountCents: recovery.takenCents,
            kind: 'dispute',
            reference: input.disputeId,
            memo: 'Card dispute lost',
            actor: 'job:payments',
          });
        else await ledger.release({ holdId: recovery.holdId });
      }
      await repository.resolve(db, recovery.id, input.status);
      logger.info(
        { accountId: recovery.accountId, disputeId: input.disputeId, status: input.status },
        'dispute closed',
      );
      return 'applied';
    },

    /** For admins: what wallets could not cover after refunds and disputes, newest first. */
    async listOwed(query: { cursor?: string; limit: number }) {
      const before = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await repository.listOwed(db, { before, limit: query.limit });
      const page = pageOf(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
      return {
        items: page.items.map((row) => ({
          id: row.id,
          accountId: row.accountId,
          topupId: row.topupId,
          kind: row.kind,
          reference: row.sourceKey,
          requestedCents: row.requestedCents,
          takenCents: row.takenCents,
          owedCents: row.owedCents,
          resolution: row.resolution,
          createdAt: row.createdAt.toISOString(),
        })),
        nextCursor: page.nextCursor,
      };
    },
  };
}

export type Recoveries = ReturnType<typeof createRecoveries>;
