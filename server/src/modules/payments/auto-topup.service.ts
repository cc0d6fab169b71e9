import type { Executor } from '../../db/client.adapter';
import type { Principal } from '../../platform/http/auth.guards';
import type { JobDefinition } from '../../platform/jobs/define-job.util';
import { requireConfirmedAddress } from '../identity';
import type { Fulfilment } from './fulfilment.service';
import {
  type AutoTopupDecision,
  decideAutoTopup,
  MINIMUM_TOPUP_CENTS,
  startOfUtcDay,
} from './payments.domain';
import { paymentsErrors } from './payments.errors';
import { type AutoTopupSettings, paymentsRepository as repository, type Topup } from './payments.repository';
import type { PaymentsDeps } from './payments-deps.types';

export type AutoTopupInput = {
  enabled: boolean;
  thresholdCents: number;
  amountCents: number;
  dailyCapCents: number;
};

export type AutoTopupRun =
  | AutoTopupDecision
  | { charge: true; outcome: 'succeeded' | 'failed' | 'processing' };

function settingsView(settings: AutoTopupSettings) {
  return {
    enabled: settings.enabled,
    thresholdCents: settings.thresholdCents,
    amountCents: settings.amountCents,
    dailyCapCents: settings.dailyCapCents,
  };
}

/**
 * Automatic top-ups: settings, and the charge itself. `consider` only queues the job (deduplicated per
 * account); the job decides and charges the saved card off-session, one attempt row and one idempotency key
 * per attempt, so that no interleaving of debits and jobs charges twice.
 */
export function createAutoTopups(
  deps: PaymentsDeps,
  fulfilment: Pick<Fulfilment, 'credit' | 'fail'>,
  job: () => JobDefinition<{ accountId: string }>,
) {
  const { db, clock, provider, ledger, logger } = deps;
  const charges = deps.metrics.counter(
    'payments_auto_topup_charges_total',
    'Off-session charges of saved cards by outcome: succeeded, failed or processing',
    ['outcome'],
  );

  async function consider(accountId: string): Promise<void> {
    const settings = await repository.findSettings(db, accountId);
    if (!settings?.enabled || settings.pausedReason) return;
    await deps.jobs.send(job(), { accountId }, { singletonKey: accountId });
  }

  /** Charges the attempt's amount with its own idempotency key: running it again never charges twice. */
  async function charge(topup: Topup): Promise<AutoTopupRun> {
    const [customerId, card] = await Promise.all([
      repository.findCustomerId(db, topup.accountId),
      repository.findActiveCard(db, topup.accountId),
    ]);
    if (!customerId || !card) {
      await fulfilment.fail({ topupId: topup.id, paymentIntentId: null, code: 'no_card', notify: false });
      return { charge: false, reason: 'no_card' };
    }
    const result = await provider.chargeSavedCard({
      customerId,
      paymentMethodId: card.providerPaymentMethodId,
      amountCents: topup.amountCents,
      description: 'Mobayilo automatic top-up',
      metadata: { topupId: topup.id, accountId: topup.accountId, kind: 'auto' },
      idempotencyKey: `auto-topup:${topup.id}`,
    });
    charges.inc({ outcome: result.status });
    if (result.status === 'succeeded') {
      await fulfilment.credit({
        topupId: topup.id,
        paymentIntentId: result.paymentIntentId,
        amountCents: result.amountCents,
        paymentMethodId: card.providerPaymentMethodId,
      });
      return { charge: true, outcome: 'succeeded' };
    }
    if (result.status === 'failed') {
      await fulfilment.fail({ topupId: topup.id, ...result, notify: true });
      return { charge: true, outcome: 'failed' };
    }
    return { charge: true, outcome: 'processing' };
  }

  /** What the job does for one account. An attempt left pending by a crash is resumed, not repeated. */
  async function run(accountId: string): Promise<AutoTopupRun> {
    const pending = await repository.findPendingAuto(db, accountId);
    if (pending) return charge(pending);
    const settings = await repository.findSettings(db, accountId);
    if (!settings) return { charge: false, reason: 'disabled' };
    const now = clock.now();
    await ledger.openWallet(accountId);
    const [card, wallet, chargedTodayCents] = await Promise.all([
      repository.findActiveCard(db, accountId),
      ledger.walletSummary(accountId),
      repository.sumAutoSince(db, accountId, startOfUtcDay(now)),
    ]);
    const decision = decideAutoTopup({
      enabled: settings.enabled,
      paused: settings.pausedReason !== null,
      hasCard: card !== undefined,
      balanceCents: wallet.balanceCents,
      thresholdCents: settings.thresholdCents,
      amountCents: settings.amountCents,
      dailyCapCents: settings.dailyCapCents,
      chargedTodayCents,
    });
    if (!decision.charge) {
      if (decision.reason === 'daily_cap')
        logger.info({ accountId, chargedTodayCents }, 'automatic top-up skipped: daily cap reached');
      return decision;
    }
    const topup = await repository.insertAutoAttempt(db, {
      accountId,
      amountCents: settings.amountCents,
      createdAt: now,
    });
    // Another run started an attempt for this account a moment ago: that one charges, this one does not.
    if (!topup) return { charge: false, reason: 'in_flight' };
    return charge(topup);
  }

  return {
    consider,
    run,

    async settings(accountId: string) {
      const settings = await repository.findSettings(db, accountId);
      return settings ? settingsView(settings) : null;
    },

    /** Settings, the pause and the last failure, for the Credits page and its banner. */
    async status(principal: Principal) {
      const accountId = principal.account.id;
      const [settings, latest] = await Promise.all([
        repository.findSettings(db, accountId),
        repository.latestOfKind(db, accountId, ['auto', 'recovery']),
      ]);
      const failed = latest?.kind === 'auto' && latest.status === 'failed' ? latest : undefined;
      return {
        settings: settings ? settingsView(settings) : null,
        minimumAmountCents: MINIMUM_TOPUP_CENTS[principal.account.kind],
        pausedReason: settings?.pausedReason ?? null,
        consecutiveFailures: settings?.consecutiveFailures ?? 0,
        lastFailure: failed
          ? {
              topupId: failed.id,
              amountCents: failed.amountCents,
              code: failed.failureCode ?? 'failed',
              message: failed.failureMessage ?? 'The payment did not go through.',
              at: (failed.completedAt ?? failed.createdAt).toISOString(),
            }
          : null,
      };
    },

    /**
     * Saves the settings: an amount at least the account's minimum top-up, a cap covering it, and a saved card
     * to turn it on. Saving clears a pause; if the balance is already low, a top-up follows.
     */
    async save(principal: Principal, input: AutoTopupInput) {
      if (input.enabled) requireConfirmedAddress(principal, 'turn on automatic top-ups');
      const accountId = principal.account.id;
      const minimum = MINIMUM_TOPUP_CENTS[principal.account.kind];
      if (input.amountCents < minimum)
        throw paymentsErrors.belowMinimum(minimum, principal.account.kind, 'body.amountCents');
      if (input.amountCents > deps.settings.topupMaxCents)
        throw paymentsErrors.aboveMaximum(deps.settings.topupMaxCents);
      if (input.enabled && !(await repository.findActiveCard(db, accountId)))
        throw paymentsErrors.paymentMethodRequired();
      const saved = await repository.saveSettings(db, {
        accountId,
        ...input,
        updatedAt: clock.now(),
        updatedBy: principal.user.id,
      });
      if (saved.enabled) await consider(accountId);
      return settingsView(saved);
    },

    /**
     * In the transaction where an address's owner proved it after someone else signed up with it: the saved
     * card and automatic top-ups that person may have set up go. Returns the processor's part, for after the
     * commit.
     */
    async discardUnprovenSetup(tx: Executor, accountId: string) {
      await repository.lockSettings(tx, accountId);
      const card = await repository.removeCard(tx, accountId, clock.now());
      await repository.disable(tx, accountId, clock.now());
      if (!card) return undefined;
      logger.info({ accountId }, 'saved card discarded: set up before the address was proven');
      return async () => {
        await provider.detachPaymentMethod(card.providerPaymentMethodId).catch((error: unknown) => {
          logger.warn({ err: error, accountId }, 'the processor did not detach a discarded card');
        });
      };
    },

    /** Forgets the saved card here and at the processor; automatic top-ups stop until a new card is saved. */
    async removeCard(principal: Principal) {
      const accountId = principal.account.id;
      const removed = await db.transaction(async (tx) => {
        await repository.lockSettings(tx, accountId);
        const card = await repository.removeCard(tx, accountId, clock.now());
        if (card) await repository.pause(tx, accountId, 'card_removed', clock.now());
        return card;
      });
      if (removed) {
        await provider.detachPaymentMethod(removed.providerPaymentMethodId).catch((error: unknown) => {
          logger.warn({ err: error, accountId }, 'the processor did not detach a removed card');
        });
      }
    },
  };
}

export type AutoTopups = ReturnType<typeof createAutoTopups>;
