import {
  sandboxCheckoutSchema,
  sandboxPayBodySchema,
  sandboxPaymentSchema,
  sandboxRedirectSchema,
} from '@mobayilo/contract';
import { z } from 'zod';
import type { App } from '../../platform/http/http.types';
import { type SandboxCheckout, SandboxCheckoutError } from '../../providers/payments';
import { paymentsErrors } from './payments.errors';

// A session id carries the session itself, longer than a path parameter may be: it travels in the query or body.
const sessionId = z.string().min(8).max(4000);
const tags = ['sandbox'];

async function translated<T>(run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SandboxCheckoutError)
      throw paymentsErrors.sandboxCheckout(error.reason, error.message);
    throw error;
  }
}

/**
 * The sandbox checkout page's API, registered only when payments run in the sandbox. Like Stripe's hosted
 * page, the session id is the only credential: whoever has the link can pay.
 */
export function sandboxRoutes(checkout: SandboxCheckout) {
  return async (app: App) => {
    app.get(
      '/sandbox/checkout',
      {
        schema: {
          tags,
          summary: 'A sandbox Checkout session',
          querystring: z.object({ session: sessionId }),
          response: { 200: sandboxCheckoutSchema },
        },
      },
      async (request) => translated(() => checkout.describe(request.query.session)),
    );

    app.post(
      '/sandbox/checkout/pay',
      {
        schema: {
          tags,
          summary: 'Pay a sandbox session with a test card: signed events go to the webhook',
          body: sandboxPayBodySchema,
          response: { 200: sandboxPaymentSchema },
        },
      },
      async (request) => {
        const { session, ...payment } = request.body;
        return translated(() => checkout.pay(session, payment));
      },
    );

    app.post(
      '/sandbox/checkout/cancel',
      {
        schema: {
          tags,
          summary: 'Leave a sandbox session without paying',
          body: z.object({ session: sessionId }),
          response: { 200: sandboxRedirectSchema },
        },
      },
      async (request) => translated(() => checkout.cancel(request.body.session)),
    );
  };
}
