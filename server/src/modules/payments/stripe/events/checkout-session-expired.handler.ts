import { checkoutSessionSchema } from '../stripe-objects.schemas';
import { handlerFor, ignored, processed } from './handler.util';

/** Checkout closed without payment (expired or abandoned): the top-up that waited for it ends. */
export const checkoutSessionExpired = handlerFor(checkoutSessionSchema, async (session, context) => {
  const topupId = session.metadata.topupId;
  if (!topupId) return ignored('not a Mobayilo top-up');
  const failed = await context.fulfilment.fail({
    topupId,
    paymentIntentId: null,
    code: 'expired',
    message: 'Checkout was closed before paying. Nothing was charged.',
    notify: false,
  });
  return processed(failed ? `top-up ${topupId} expired` : `top-up ${topupId} was already settled`);
});
