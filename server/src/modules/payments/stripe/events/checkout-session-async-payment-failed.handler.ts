import { checkoutSessionSchema } from '../stripe-objects.schemas';
import { handlerFor, ignored, processed } from './handler.util';

/** A delayed payment failed after Checkout completed: the top-up fails, and the person is told by email. */
export const checkoutSessionAsyncPaymentFailed = handlerFor(
  checkoutSessionSchema,
  async (session, context) => {
    const topupId = session.metadata.topupId;
    if (!topupId) return ignored('not a Mobayilo top-up');
    const failed = await context.fulfilment.fail({
      topupId,
      paymentIntentId: session.payment_intent ?? null,
      code: 'async_payment_failed',
      notify: true,
    });
    return processed(failed ? `top-up ${topupId} failed` : `top-up ${topupId} was already settled`);
  },
);
