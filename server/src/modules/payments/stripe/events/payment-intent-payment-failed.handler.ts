import { paymentIntentSchema } from '../stripe-objects.schemas';
import { handlerFor, ignored, processed } from './handler.util';

/**
 * A payment failed: a declined card or one whose bank wants the cardholder present. The top-up fails unless
 * it succeeded meanwhile; an automatic one also counts towards the pause and emails the owners.
 */
export const paymentIntentPaymentFailed = handlerFor(paymentIntentSchema, async (intent, context) => {
  const topupId = intent.metadata.topupId;
  if (!topupId) return ignored('not a Mobayilo top-up');
  const error = intent.last_payment_error;
  const code = error?.decline_code === 'authentication_required' ? 'authentication_required' : error?.code;
  const failed = await context.fulfilment.fail({
    topupId,
    paymentIntentId: intent.id,
    code: code ?? error?.decline_code ?? 'card_declined',
    message: error?.message ?? null,
    notify: false,
  });
  return processed(failed ? `top-up ${topupId} failed` : `top-up ${topupId} was already settled`);
});
