import type { z } from 'zod';
import type { DisputeInput } from '../../recoveries.service';
import type { disputeSchema } from '../stripe-objects.schemas';

/** A Stripe dispute in the words the recoveries use, whether it opens or closes. */
export function disputeInput(dispute: z.infer<typeof disputeSchema>): DisputeInput {
  return {
    disputeId: dispute.id,
    paymentIntentId: dispute.payment_intent ?? null,
    topupId: dispute.metadata.topupId ?? null,
    amountCents: dispute.amount,
    reason: dispute.reason ?? 'unknown',
    status: dispute.status,
  };
}
