import { chargeSchema } from '../stripe-objects.schemas';
import { handlerFor, ignored, processed } from './handler.util';

/** A charge was refunded, in full or in part: the newly refunded amount leaves the wallet. */
export const chargeRefunded = handlerFor(chargeSchema, async (charge, context) => {
  const outcome = await context.recoveries.applyRefund({
    chargeId: charge.id,
    paymentIntentId: charge.payment_intent ?? null,
    topupId: charge.metadata.topupId ?? null,
    amountRefundedCents: charge.amount_refunded,
  });
  if (outcome === 'unknown_topup') return ignored('no top-up for this charge');
  return processed(outcome === 'applied' ? `refund of ${charge.id} taken back` : 'nothing new refunded');
});
