import type { z } from 'zod';
import { checkoutSessionSchema } from '../stripe-objects.schemas';
import { creditOutcome, type EventContext, handlerFor, ignored, processed } from './handler.util';

type Session = z.output<typeof checkoutSessionSchema>;

/** Credits a paid payment-mode session (also on `async_payment_succeeded`), keyed by its PaymentIntent. */
export async function creditPaidSession(session: Session, context: EventContext) {
  const topupId = session.metadata.topupId;
  if (!topupId) return ignored('not a Mobayilo top-up');
  if (!session.payment_intent || session.amount_total == null)
    throw new Error(`paid session ${session.id} names no PaymentIntent or amount`);
  const result = await context.fulfilment.credit({
    topupId,
    paymentIntentId: session.payment_intent,
    amountCents: session.amount_total,
  });
  return creditOutcome(result, topupId);
}

/**
 * Checkout finished. Payment mode: credit now if paid, else wait for the async payment events. Setup mode:
 * save the card the SetupIntent collected.
 */
export const checkoutSessionCompleted = handlerFor(checkoutSessionSchema, async (session, context) => {
  if (session.mode === 'setup') {
    const accountId = session.metadata.accountId;
    if (!accountId || !session.setup_intent) return ignored('not a Mobayilo card setup');
    const paymentMethodId = await context.provider.paymentMethodOfSetupIntent(session.setup_intent);
    if (!paymentMethodId) throw new Error(`setup intent ${session.setup_intent} has no payment method yet`);
    await context.fulfilment.saveCard(
      accountId,
      await context.provider.describePaymentMethod(paymentMethodId),
    );
    return processed(`card saved for account ${accountId}`);
  }
  if (session.mode !== 'payment') return ignored(`mode ${session.mode} is not used`);
  if (session.payment_status === 'unpaid') return processed('awaiting the delayed payment');
  return creditPaidSession(session, context);
});
