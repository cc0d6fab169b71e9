import type { Database } from '../../db/client.adapter';
import { createBatcher } from '../../platform/batcher.util';
import type { Clock } from '../../platform/clock.util';
import type { JobDefinition } from '../../platform/jobs/define-job.util';
import type { JobQueue } from '../../platform/jobs/job-queue.adapter';
import type { Logger } from '../../platform/logger.adapter';
import { type ProviderEvent, inboxRepository as repository } from './inbox.repository';

export type { ProviderEvent } from './inbox.repository';
export type EventJob = JobDefinition<{ eventId: string }>;
export type IncomingEvent = Pick<ProviderEvent, 'provider' | 'eventKey' | 'type' | 'payload'>;
export type EventOutcome = { status: 'processed' | 'ignored'; outcome: string };

const RETENTION_MS = 90 * 86_400_000;

/**
 * Webhooks that arrive together are stored together: one transaction (one commit) for a batch of events and
 * their jobs, one batch at a time, as the call setups are (see calls/voice.service.ts).
 */
const RECEIVE_BATCHES_IN_FLIGHT = 1;
const RECEIVE_BATCH_MAX = 64;

type Delivery = { event: IncomingEvent; job: EventJob };

export function createInboxService(deps: {
  db: Database;
  jobs: Pick<JobQueue, 'send' | 'sendMany'>;
  clock: Clock;
  logger: Logger;
}) {
  const { db, clock } = deps;

  /** Stores the new events of a batch and queues a job for each, in one transaction. */
  function store(deliveries: Delivery[]): Promise<{ duplicate: boolean }[]> {
    return db.transaction(async (tx) => {
      const receivedAt = clock.now();
      const ids = await repository.insertOnce(
        tx,
        deliveries.map(({ event }) => ({ ...event, receivedAt })),
      );
      const queued = new Map<EventJob, { eventId: string }[]>();
      for (const [index, { job }] of deliveries.entries()) {
        const eventId = ids[index];
        if (!eventId) continue;
        const payloads = queued.get(job) ?? [];
        payloads.push({ eventId });
        queued.set(job, payloads);
      }
      for (const [job, payloads] of queued) await deps.jobs.sendMany(job, payloads, { executor: tx });
      return ids.map((id) => ({ duplicate: id === undefined }));
    });
  }
  const deliveries = createBatcher({
    run: store,
    maxInFlight: RECEIVE_BATCHES_IN_FLIGHT,
    maxBatch: RECEIVE_BATCH_MAX,
  });

  return {
    /**
     * Stores a verified webhook and queues its processing, in one transaction. A provider's retry of an event
     * already stored changes nothing. Fast: this is what a webhook route does before it answers.
     */
    receive(event: IncomingEvent, job: EventJob): Promise<{ duplicate: boolean }> {
      return deliveries.submit({ event, job });
    },

    /** What a provider told us about one object (a call's legs, say), for the admin console. */
    async eventsByKeyPrefixes(provider: ProviderEvent['provider'], prefixes: readonly string[]) {
      return repository.findByKeyPrefixes(db, provider, prefixes, 200);
    },

    /**
     * Applies one stored event with `apply` and records the outcome. An event already settled is not applied
     * again; `apply` must itself be idempotent (delivery is at least once). On the last attempt a failure is
     * recorded as `failed` and logged for people to look at.
     */
    async process(
      eventId: string,
      apply: (event: ProviderEvent) => Promise<EventOutcome>,
      attempt: { final: boolean },
    ) {
      const event = await repository.findById(db, eventId);
      if (event?.status !== 'pending') return;
      try {
        const result = await apply(event);
        await repository.settle(db, eventId, { ...result, at: clock.now() });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (attempt.final) {
          await repository.settle(db, eventId, { status: 'failed', outcome: message, at: clock.now() });
          deps.logger.error(
            { err: error, eventId, provider: event.provider, type: event.type },
            'provider event failed',
          );
          return;
        }
        await repository.countAttempt(db, eventId, message);
        throw error;
      }
    },

    /** Queues again the events of a provider whose job was lost (still pending after `olderThanMs`). */
    async requeueStale(
      provider: ProviderEvent['provider'],
      job: EventJob,
      olderThanMs: number,
    ): Promise<number> {
      const stale = await repository.findStalePending(db, new Date(clock.now().getTime() - olderThanMs), 500);
      const mine = stale.filter((event) => event.provider === provider);
      for (const event of mine) await deps.jobs.send(job, { eventId: event.id }, { singletonKey: event.id });
      return mine.length;
    },

    /** Settled events are kept 90 days for inspection, then deleted. */
    deleteOld(now: Date) {
      return repository.deleteSettledBefore(db, new Date(now.getTime() - RETENTION_MS));
    },

    findById(eventId: string) {
      return repository.findById(db, eventId);
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
