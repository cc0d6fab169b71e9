import type pg from 'pg';
import type { Config } from '../../config';
import type { Executor } from '../../db/client.adapter';
import type { AuthGuards } from '../../platform/http/auth.guards';
import type { RoutePlugin } from '../../platform/http/http.types';
import { createRateLimit } from '../../platform/http/rate-limit.adapter';
import { createPaymentsProvider } from '../../providers/payments';
import { createAutoTopups } from './auto-topup.service';
import { createCheckoutService } from './checkout.service';
import { createFulfilment } from './fulfilment.service';
import { paymentsJobs } from './payments.jobs';
import { paymentsRoutes } from './payments.routes';
import type { PaymentsDeps } from './payments-deps.types';
import { createRecoveries } from './recoveries.service';
import { sandboxRoutes } from './sandbox.routes';
import { webhookRoutes } from './webhook.routes';
import { createWebhooks } from './webhooks.service';

export type { AutoTopups } from './auto-topup.service';

/** Card-testing guard: Checkout sessions (top-ups and card setups) an account may open per hour. */
const CHECKOUTS_PER_HOUR = 20;

export type { CheckoutService } from './checkout.service';

/**
 * Card payments: Checkout top-ups, the saved card, automatic top-ups and Stripe's webhooks. Money moves only
 * through the ledger, keyed by Stripe's object ids. See README.md beside this file.
 */
export function createPaymentsModule(
  deps: Omit<PaymentsDeps, 'provider' | 'settings'> & {
    pool: pg.Pool;
    config: Pick<Config, 'payments' | 'http' | 'identity'>;
    guards: AuthGuards;
  },
) {
  const { config } = deps;
  const { provider, checkout: sandboxCheckout } = createPaymentsProvider({
    config: config.payments,
    publicUrl: config.http.publicUrl,
    now: () => deps.clock.now(),
    logger: deps.logger,
  });
  const full: PaymentsDeps = {
    ...deps,
    provider,
    settings: {
      publicUrl: config.http.publicUrl,
      topupMaxCents: config.payments.topupMaxCents,
      adminEmails: config.identity.adminEmails,
    },
  };

  const fulfilment = createFulfilment(full);
  const recoveries = createRecoveries(full);
  const checkout = createCheckoutService({
    ...full,
    checkoutLimit: createRateLimit(deps.pool, {
      name: 'checkout_account',
      points: CHECKOUTS_PER_HOUR,
      durationSeconds: 3600,
    }),
  });
  const jobs = paymentsJobs({ webhooks: () => webhooks, autoTopups: () => autoTopups, inbox: deps.inbox });
  const autoTopups = createAutoTopups(full, fulfilment, () => jobs.autoTopUp);
  const webhooks = createWebhooks(full, { fulfilment, recoveries, provider }, () => jobs.applyStripeEvent);

  const routes: RoutePlugin[] = [
    paymentsRoutes({ checkout, autoTopups, recoveries, guards: deps.guards }),
    webhookRoutes({ webhooks }),
    ...(sandboxCheckout ? [sandboxRoutes(sandboxCheckout)] : []),
  ];

  return {
    checkout,
    autoTopups,
    recoveries,
    webhooks,
    provider,
    /**
     * Call after any debit of a wallet (a call's capture, an admin adjustment…): queues the automatic top-up
     * check for the account, deduplicated, when it has automatic top-ups on. Cheap; never charges by itself.
     */
    considerAutoTopUp: (accountId: string) => autoTopups.consider(accountId),
    /** See identity's `onUnprovenSetupDiscarded`: the saved card and automatic top-ups of the account go. */
    discardUnprovenSetup: (tx: Executor, accountId: string) => autoTopups.discardUnprovenSetup(tx, accountId),
    /** `autoTopup` of `GET /api/wallet`. */
    autoTopupSettings: (accountId: string) => autoTopups.settings(accountId),
    routes,
    jobs: Object.values(jobs),
  };
}

export type PaymentsModule = ReturnType<typeof createPaymentsModule>;
