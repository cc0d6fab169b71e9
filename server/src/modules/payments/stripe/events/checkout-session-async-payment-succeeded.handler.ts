import { checkoutSessionSchema } from '../stripe-objects.schemas';
import { creditPaidSession } from './checkout-session-completed.handler';
import { handlerFor } from './handler.util';

/** A delayed payment method (a bank debit) paid after Checkout completed: the same credit, the same key. */
export const checkoutSessionAsyncPaymentSucceeded = handlerFor(checkoutSessionSchema, creditPaidSession);
