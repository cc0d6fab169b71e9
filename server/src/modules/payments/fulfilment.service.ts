import type { CardDetails } from '../../providers/payments';
import { autoTopupFailedMail, paymentFailedMail, topupReceiptMail } from '../mail';
import { cardName, describeFailure, MAX_CONSECUTIVE_FAILURES } from './payments.domain';
import { paymentsRepository as repository, type Topup } from './payments.repository';
import type { PaymentsDeps } from './payments-deps.types';

export type CreditInput = {
  topupId: string;
  paymentIntentId: string;
  /** What the processor says it received. */
  amountCents: number;
  /** The card that paid, when the event names it; otherwise it is looked up. */
  paymentMethodId?: string | null;
};

export type FailureInput = {
  topupId: string;
  paymentIntentId: string | null;
  code: string;
  message?: string | null;
  /** Email the person (a failure they did not watch happen, such as a delayed bank payment). */
  notify: boolean;
};

const creditKey = (paymentIntentId: string) => `topup:${paymentIntentId}`;

/** Turning the processor's outcomes into money and records: credits, failures, saved cards. */
export function createFulfilment(deps: PaymentsDeps) {
  const { db, clock, ledger, provider, logger } = deps;
  const creditsUrl = `${deps.settings.publicUrl}/credits`;

  async function recipientsOf(topup: Pick<Topup, 'accountId' | 'notifyEmail'>): Promise<string[]> {
    return topup.notifyEmail ? [topup.notifyEmail] : deps.ownerEmails(topup.accountId);
  }

  /**
   * The card that paid, for the receipt and to save it. The processor being unreachable must not keep money
   * from landing: the credit goes ahead without it (and the event is retried if the card was to be saved).
   */
  async function cardOf(input: CreditInput): Promise<CardDetails | null> {
    try {
      const paymentMethodId =
        input.paymentMethodId ??
        (await provider.retrievePaymentIntent(input.paymentIntentId)).paymentMethodId;
      return paymentMethodId ? await provider.describePaymentMethod(paymentMethodId) : null;
    } catch (error) {
      logger.warn(
        { err: error, paymentIntentId: input.paymentIntentId },
        'could not read the card of a payment',
      );
      return null;
    }
  }

  /** Makes `card` the account's saved card for automatic top-ups; saving it again changes nothing. */
  async function saveCard(accountId: string, card: CardDetails): Promise<boolean> {
    return db.transaction(async (tx) => {
      await repository.lockSettings(tx, accountId);
      const saved = await repository.replaceCard(
        tx,
        accountId,
        {
          providerPaymentMethodId: card.paymentMethodId,
          brand: card.brand,
          last4: card.last4,
          expMonth: card.expMonth,
          expYear: card.expYear,
        },
        clock.now(),
      );
      if (saved) logger.info({ accountId, brand: card.brand, last4: card.last4 }, 'card saved');
      return saved;
    });
  }

  /**
   * Credits a paid top-up exactly once: the ledger transfer is keyed by the PaymentIntent id, so the
   * session event, the PaymentIntent event, their retries and the synchronous answer of an automatic charge
   * all credit once, in whatever order they come. The receipt goes with the change of status, also once.
   */
  async function credit(input: CreditInput): Promise<'credited' | 'already_credited' | 'unknown_topup'> {
    const topup = await repository.findTopup(db, input.topupId);
    if (!topup) return 'unknown_topup';
    if (input.amountCents !== topup.amountCents)
      logger.warn(
        { topupId: topup.id, expected: topup.amountCents, received: input.amountCents },
        'a top-up was paid a different amount than asked; crediting what was received',
      );
    const card = await cardOf(input);
    await ledger.openWallet(topup.accountId);
    const automatic = topup.kind === 'auto';
    const { transfer, replayed } = await ledger.credit({
      accountId: topup.accountId,
      amountCents: input.amountCents,
      kind: automatic ? 'auto_topup' : 'topup',
      idempotencyKey: creditKey(input.paymentIntentId),
      reference: input.paymentIntentId,
      memo: `${automatic ? 'Automatic top-up' : 'Top-up'}${card ? ` by ${cardName(card)}` : ''}`,
      actor: 'job:payments',
    });
    const keepCard = topup.saveCard || topup.kind === 'recovery';
    if (card && keepCard) await saveCard(topup.accountId, card);

    const now = clock.now();
    const changed = await db.transaction(async (tx) => {
      const updated = await repository.markSucceeded(tx, topup.id, {
        paymentIntentId: input.paymentIntentId,
        creditedCents: input.amountCents,
        cardBrand: card?.brand ?? null,
        cardLast4: card?.last4 ?? null,
        completedAt: now,
      });
      if (!updated) return false;
      if (automatic || topup.kind === 'recovery') await repository.resetFailures(tx, topup.accountId);
      const receipt = topupReceiptMail({
        amountCents: input.amountCents,
        at: transfer.createdAt,
        cardLast4: card?.last4 ?? null,
        balanceCents: transfer.creditBalanceAfterCents ?? input.amountCents,
        automatic,
        url: creditsUrl,
      });
      for (const to of await recipientsOf(topup)) await deps.mail.send(tx, to, receipt);
      return true;
    });
    if (changed)
      logger.info(
        { topupId: topup.id, accountId: topup.accountId, amountCents: input.amountCents, replayed },
        'top-up credited',
      );
    if (keepCard && !card)
      throw new Error(`the card of ${input.paymentIntentId} is to be saved but could not be read`);
    return changed ? 'credited' : 'already_credited';
  }

  /**
   * Records a failed payment once (a top-up that succeeded stays succeeded). A failed automatic top-up counts
   * towards the pause after three in a row, and its owners are emailed with a way to fix it.
   */
  async function fail(input: FailureInput): Promise<Topup | undefined> {
    const message = input.message?.trim() || describeFailure(input.code);
    const now = clock.now();
    return db.transaction(async (tx) => {
      const failed = await repository.markFailed(tx, input.topupId, {
        paymentIntentId: input.paymentIntentId,
        failureCode: input.code,
        failureMessage: message,
        completedAt: now,
      });
      if (!failed) return undefined;
      if (failed.kind === 'auto') {
        const settings = await repository.countFailure(tx, failed.accountId, MAX_CONSECUTIVE_FAILURES, now);
        const mail = autoTopupFailedMail({
          amountCents: failed.amountCents,
          reason: describeFailure(input.code),
          authenticationRequired: input.code === 'authentication_required',
          paused: settings?.pausedReason === 'failures',
          url: `${creditsUrl}?recover=1`,
        });
        for (const to of await deps.ownerEmails(failed.accountId)) await deps.mail.send(tx, to, mail);
        logger.warn(
          {
            topupId: failed.id,
            accountId: failed.accountId,
            code: input.code,
            consecutiveFailures: settings?.consecutiveFailures,
            paused: settings?.pausedReason === 'failures',
          },
          'automatic top-up failed',
        );
      } else if (input.notify) {
        const mail = paymentFailedMail({ amountCents: failed.amountCents, reason: message, url: creditsUrl });
        for (const to of await recipientsOf(failed)) await deps.mail.send(tx, to, mail);
      }
      return failed;
    });
  }

  return { credit, fail, saveCard };
}

export type Fulfilment = ReturnType<typeof createFulfilment>;
