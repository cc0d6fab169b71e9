import { disputeSchema } from '../stripe-objects';
import { disputeInput } from './dispute';
import { handlerFor, ignored, processed } from './handler';

/** A chargeback opened: the disputed amount is held in the wallet and admins are alerted. */
export const chargeDisputeCreated = handlerFor(disputeSchema, async (dispute, context) => {
  const outcome = await context.recoveries.openDispute(disputeInput(dispute));
  if (outcome === 'unknown_topup') return ignored('no top-up for this dispute');
  return processed(`dispute ${dispute.id} held`);
});
