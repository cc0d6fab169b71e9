import { checkoutSessionSchema } from '../stripe-objects';
import { creditPaidSession } from './checkout-session-completed';
import { handlerFor } from './handler';

/** A delayed payment method (a bank debit) paid after Checkout completed: the same credit, the same key. */
export const checkoutSessionAsyncPaymentSucceeded = handlerFor(checkoutSessionSchema, creditPaidSession);
