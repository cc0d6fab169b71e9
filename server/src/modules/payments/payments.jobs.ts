import { z } from 'zod';
import { defineJob } from '../../platform/jobs/define-job.util';
import type { InboxService } from '../inbox';
import type { AutoTopups } from './auto-topup.service';
import type { Webhooks } from './webhooks.service';

const EVENT_ATTEMPTS = 8;
/** Events whose job was lost are queued again after this long. */
const STALE_EVENT_MS = 15 * 60_000;

export function paymentsJobs(deps: {
  webhooks: () => Pick<Webhooks, 'apply'>;
  autoTopups: () => Pick<AutoTopups, 'run'>;
  inbox: Pick<InboxService, 'requeueStale'>;
}) {
  const applyStripeEvent = defineJob({
    name: 'payments.apply-stripe-event',
    schema: z.object({ eventId: z.uuid() }),
    retryLimit: EVENT_ATTEMPTS,
    retryDelaySeconds: 5,
    concurrency: 2,
    async handler(payload, context) {
      await deps.webhooks().apply(payload.eventId, { final: context.retryCount >= EVENT_ATTEMPTS });
    },
  });

  // One run per account at a time, and at most one more waiting (stately, keyed by the account id): debits
  // arriving meanwhile fold into the waiting run, which looks at the balance afresh.
  const autoTopUp = defineJob({
    name: 'payments.auto-top-up',
    schema: z.object({ accountId: z.uuid() }),
    policy: 'stately',
    retryLimit: 5,
    retryDelaySeconds: 10,
    async handler(payload, context) {
      const result = await deps.autoTopups().run(payload.accountId);
      context.logger.debug({ accountId: payload.accountId, result }, 'automatic top-up considered');
    },
  });

  const requeueEvents = defineJob({
    name: 'payments.requeue-stripe-events',
    schema: z.object({}),
    policy: 'singleton',
    retryLimit: 1,
    cron: { expression: '*/15 * * * *', payload: {} },
    async handler(_payload, context) {
      const queued = await deps.inbox.requeueStale('stripe', applyStripeEvent, STALE_EVENT_MS);
      if (queued > 0) context.logger.warn({ queued }, 'stripe events queued again after their job was lost');
    },
  });

  return { applyStripeEvent, autoTopUp, requeueEvents };
}
