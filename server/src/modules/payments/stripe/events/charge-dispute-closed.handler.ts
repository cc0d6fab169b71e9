import { disputeSchema } from '../stripe-objects.schemas';
import { disputeInput } from './dispute.mapper';
import { handlerFor, processed } from './handler.util';

/** A dispute ended: won gives the held money back to the wallet, lost takes it. */
export const chargeDisputeClosed = handlerFor(disputeSchema, async (dispute, context) => {
  const outcome = await context.recoveries.closeDispute(disputeInput(dispute));
  return processed(outcome === 'applied' ? `dispute ${dispute.id} ${dispute.status}` : 'already closed');
});
