import { disputeSchema } from '../stripe-objects';
import { handlerFor, ignored, processed } from './handler';

/** A chargeback opened: the disputed amount is held in the wallet and admins are alerted. */
export const chargeDisputeCreated = handlerFor(disputeSchema, async (dispute, context) => {
  const outcome = await context.recoveries.openDispute({
    disputeId: dispute.id,
    paymentIntentId: dispute.payment_intent ?? null,
    topupId: dispute.metadata.topupId ?? null,
    amountCents: dispute.amount,
    reason: dispute.reason ?? 'unknown',
    status: dispute.status,
  });
  if (outcome === 'unknown_topup') return ignored('no top-up for this dispute');
  return processed(`dispute ${dispute.id} held`);
});
