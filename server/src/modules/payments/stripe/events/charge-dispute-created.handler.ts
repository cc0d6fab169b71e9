import { disputeSchema } from '../stripe-objects.schemas';
import { disputeInput } from './dispute.mapper';
import { handlerFor, ignored, processed } from './handler.util';

/** A chargeback opened: the disputed amount is held in the wallet and admins are alerted. */
export const chargeDisputeCreated = handlerFor(disputeSchema, async (dispute, context) => {
  const outcome = await context.recoveries.openDispute(disputeInput(dispute));
  if (outcome === 'unknown_topup') return ignored('no top-up for this dispute');
  return processed(`dispute ${dispute.id} held`);
});
