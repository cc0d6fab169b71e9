import { z } from 'zod';
import { defineJob } from '../../platform/jobs/define-job.util';
import type { InboxService } from '../inbox';
import { changeFromEvent } from './call-events.domain';
import type { SettlementService } from './settlement.service';

const APPLY_RETRIES = 5;
/** An event still pending this long after it arrived lost its job: it is queued again. */
const LOST_EVENT_AFTER_MS = 15 * 60_000;

export function callsJobs(deps: {
  inbox: Pick<InboxService, 'process' | 'requeueStale'>;
  settlement: Pick<SettlementService, 'applyChange' | 'sweepStale'>;
}) {
  const { inbox, settlement } = deps;

  /** Applies one stored status callback or Dial action to its call (and settles it when final). */
  const applyEvent = defineJob({
    name: 'calls.apply-provider-event',
    schema: z.object({ eventId: z.uuid() }),
    retryLimit: APPLY_RETRIES,
    retryDelaySeconds: 2,
    // Every call sends several callbacks: take them in batches, a fetch each.
    concurrency: 2,
    batchSize: 25,
    async handler(payload, context) {
      await inbox.process(
        payload.eventId,
        async (event) => {
          const change = changeFromEvent(event);
          if (!change) return { status: 'ignored', outcome: `nothing to apply from ${event.type}` };
          return settlement.applyChange(change);
        },
        { final: context.retryCount >= APPLY_RETRIES },
      );
    },
  });

  /** Every minute: calls whose final callback never came, and events whose job was lost. */
  const sweepStale = defineJob({
    name: 'calls.sweep-stale',
    schema: z.object({}),
    policy: 'singleton',
    retryLimit: 1,
    cron: { expression: '* * * * *', payload: {} },
    async handler() {
      await inbox.requeueStale('twilio', applyEvent, LOST_EVENT_AFTER_MS);
      await settlement.sweepStale();
    },
  });

  return { applyEvent, sweepStale };
}
