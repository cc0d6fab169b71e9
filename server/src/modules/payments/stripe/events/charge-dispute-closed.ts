import { disputeSchema } from '../stripe-objects';
import { handlerFor, processed } from './handler';

/** A dispute ended: won gives the held money back to the wallet, lost takes it. */
export const chargeDisputeClosed = handlerFor(disputeSchema, async (dispute, context) => {
  const outcome = await context.recoveries.closeDispute({
    disputeId: dispute.id,
    paymentIntentId: dispute.payment_intent ?? null,
    topupId: dispute.metadata.topupId ?? null,
    amountCents: dispute.amount,
    reason: dispute.reason ?? 'unknown',
    status: dispute.status,
  });
  return processed(outcome === 'applied' ? `dispute ${dispute.id} ${dispute.status}` : 'already closed');
});
