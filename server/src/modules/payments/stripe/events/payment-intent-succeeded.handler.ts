import { paymentIntentSchema } from '../stripe-objects.schemas';
import { creditOutcome, handlerFor, ignored } from './handler.util';

/**
 * A PaymentIntent succeeded: an automatic top-up, or the payment behind a Checkout session (whose own event
 * credits with the same key, so whichever arrives first credits and the other changes nothing).
 */
export const paymentIntentSucceeded = handlerFor(paymentIntentSchema, async (intent, context) => {
  const topupId = intent.metadata.topupId;
  if (!topupId) return ignored('not a Mobayilo top-up');
  const result = await context.fulfilment.credit({
    topupId,
    paymentIntentId: intent.id,
    amountCents: intent.amount_received ?? intent.amount,
    paymentMethodId: intent.payment_method ?? null,
  });
  return creditOutcome(result, topupId);
});
