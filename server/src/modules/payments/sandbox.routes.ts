import {
  sandboxCheckoutSchema,
  sandboxPayBodySchema,
  sandboxPaymentSchema,
  sandboxRedirectSchema,
} from '@mobayilo/contract';
import { z } from 'zod';
import type { App } from '../../platform/http/types';
import { type SandboxCheckout, SandboxCheckoutError } from '../../providers/payments';
import { paymentsErrors } from './payments.errors';

const params = z.object({ id: z.string().min(8).max(4000) });
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
      '/sandbox/checkout/:id',
      {
        schema: {
          tags,
          summary: 'A sandbox Checkout session',
          params,
          response: { 200: sandboxCheckoutSchema },
        },
      },
      async (request) => translated(() => checkout.describe(request.params.id)),
    );

    app.post(
      '/sandbox/checkout/:id/pay',
      {
        schema: {
          tags,
          summary: 'Pay a sandbox session with a test card: signed events go to the webhook',
          params,
          body: sandboxPayBodySchema,
          response: { 200: sandboxPaymentSchema },
        },
      },
      async (request) => translated(() => checkout.pay(request.params.id, request.body)),
    );

    app.post(
      '/sandbox/checkout/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Leave a sandbox session without paying',
          params,
          response: { 200: sandboxRedirectSchema },
        },
      },
      async (request) => translated(() => checkout.cancel(request.params.id)),
    );
  };
}
