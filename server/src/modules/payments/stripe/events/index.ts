import { chargeDisputeClosed } from './charge-dispute-closed';
import { chargeDisputeCreated } from './charge-dispute-created';
import { chargeRefunded } from './charge-refunded';
import { checkoutSessionAsyncPaymentFailed } from './checkout-session-async-payment-failed';
import { checkoutSessionAsyncPaymentSucceeded } from './checkout-session-async-payment-succeeded';
import { checkoutSessionCompleted } from './checkout-session-completed';
import { checkoutSessionExpired } from './checkout-session-expired';
import type { EventHandler } from './handler';
import { paymentIntentPaymentFailed } from './payment-intent-payment-failed';
import { paymentIntentSucceeded } from './payment-intent-succeeded';
import { setupIntentSucceeded } from './setup-intent-succeeded';

export type { EventContext, EventHandler } from './handler';

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
