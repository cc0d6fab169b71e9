import { chargeDisputeClosed } from './charge-dispute-closed.handler';
import { chargeDisputeCreated } from './charge-dispute-created.handler';
import { chargeRefunded } from './charge-refunded.handler';
import { checkoutSessionAsyncPaymentFailed } from './checkout-session-async-payment-failed.handler';
import { checkoutSessionAsyncPaymentSucceeded } from './checkout-session-async-payment-succeeded.handler';
import { checkoutSessionCompleted } from './checkout-session-completed.handler';
import { checkoutSessionExpired } from './checkout-session-expired.handler';
import type { EventHandler } from './handler.util';
import { paymentIntentPaymentFailed } from './payment-intent-payment-failed.handler';
import { paymentIntentSucceeded } from './payment-intent-succeeded.handler';
import { setupIntentSucceeded } from './setup-intent-succeeded.handler';

export type { EventContext, EventHandler } from './handler.util';

/** One handler per Stripe event type we act on; any other type is stored and ignored. */
export const stripeEventHandlers: Record<string, EventHandler> = {
  'checkout.session.completed': checkoutSessionCompleted,
  'checkout.session.async_payment_succeeded': checkoutSessionAsyncPaymentSucceeded,
  'checkout.session.async_payment_failed': checkoutSessionAsyncPaymentFailed,
  'checkout.session.expired': checkoutSessionExpired,
  'payment_intent.succeeded': paymentIntentSucceeded,
  'payment_intent.payment_failed': paymentIntentPaymentFailed,
  'setup_intent.succeeded': setupIntentSucceeded,
  'charge.refunded': chargeRefunded,
  'charge.dispute.created': chargeDisputeCreated,
  'charge.dispute.closed': chargeDisputeClosed,
};
