import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestClock } from '../../../test/support/clock';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { waitFor } from '../../../test/support/wait';
import { defineJob } from '../../platform/jobs/define-job.util';
import { createJobQueue, type JobQueue } from '../../platform/jobs/job-queue.adapter';
import { createLogger } from '../../platform/logger.adapter';
import { createMetrics } from '../../platform/metrics.adapter';
import { createInboxService, type InboxService } from './inbox.service';
import { providerEvents } from './tables';

describe('provider event inbox', () => {
  let database: TestDatabase;
  let queue: JobQueue;
  let inbox: InboxService;
  const clock = createTestClock();
  const applied: string[] = [];
  let failuresLeft = 0;

  const processEvent = defineJob({
    name: 'test.process-event',
    schema: z.object({ eventId: z.uuid() }),
    retryLimit: 2,
    retryDelaySeconds: 1,
    async handler(payload, context) {
      await inbox.process(
        payload.eventId,
        async (event) => {
          if (failuresLeft > 0) {
            failuresLeft -= 1;
            throw new Error('downstream unavailable');
          }
          applied.push(event.eventKey);
          return { status: 'processed', outcome: `applied ${event.type}` };
        },
        { final: context.retryCount >= 2 },
      );
    },
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    const logger = createLogger({ log: { level: 'silent' } });
    queue = createJobQueue({ pool: database.pool, logger, metrics: createMetrics(), pollSeconds: 0.5 });
    await queue.start();
    await queue.register([processEvent], { work: true });
    inbox = createInboxService({ db: database.db, jobs: queue, clock, logger });
  });
  afterAll(async () => {
    await queue.stop();
    await database.drop();
  });

  const statusOf = async (key: string) =>
    (await database.db.select().from(providerEvents).where(eq(providerEvents.eventKey, key)))[0];

  it('stores an event once and applies it once, however often the provider sends it', async () => {
    const event = {
      provider: 'stripe' as const,
      eventKey: 'evt_1',
      type: 'checkout.session.completed',
      payload: { a: 1 },
    };
    const results = await Promise.all([
      inbox.receive(event, processEvent),
      inbox.receive(event, processEvent),
    ]);
    expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
    expect((await inbox.receive(event, processEvent)).duplicate).toBe(true);
    const settled = await waitFor(async () => {
      const row = await statusOf('evt_1');
      return row?.status === 'processed' ? row : undefined;
    });
    expect(settled.outcome).toBe('applied checkout.session.completed');
    expect(applied.filter((key) => key === 'evt_1')).toEqual(['evt_1']);
  });

  it('stores a burst of webhooks arriving together, each event once, with one job per event', async () => {
    const event = (key: string) => ({
      provider: 'twilio' as const,
      eventKey: key,
      type: 'ringing',
      payload: {},
    });
    await inbox.receive(event('burst-0'), processEvent);
    // Forty deliveries at once: every key twice, and one already stored before the burst.
    const keys = Array.from({ length: 20 }, (_, n) => `burst-${n}`).flatMap((key) => [key, key]);
    const results = await Promise.all(keys.map((key) => inbox.receive(event(key), processEvent)));

    const stored = results.flatMap((result, index) => (result.duplicate ? [] : [keys[index]]));
    expect(stored.sort()).toEqual(Array.from({ length: 19 }, (_, n) => `burst-${n + 1}`).sort());
    for (const n of Array.from({ length: 20 }, (_, i) => i)) {
      expect(await database.db.$count(providerEvents, eq(providerEvents.eventKey, `burst-${n}`))).toBe(1);
    }
    await waitFor(async () =>
      applied.filter((key) => key.startsWith('burst-')).length >= 20 ? true : undefined,
    );
    const jobs = await database.pool.query(
      `select count(*)::int as n from pgboss.job where name = $1 and data->>'eventId' in
         (select id::text from provider_events where event_key like 'burst-%')`,
      [processEvent.name],
    );
    expect(jobs.rows[0].n).toBe(20);
    expect(applied.filter((key) => key.startsWith('burst-')).sort()).toEqual(
      Array.from({ length: 20 }, (_, n) => `burst-${n}`).sort(),
    );
  });

  it('stores the other events of a burst when one of them cannot be stored', async () => {
    const unstorable = { provider: 'twilio' as const, eventKey: 'bad', type: 'x', payload: { n: 1n } };
    const deliveries = await Promise.allSettled([
      inbox.receive({ provider: 'twilio', eventKey: 'lead', type: 'x', payload: {} }, processEvent),
      ...['good-1', 'good-2'].map((key) =>
        inbox.receive({ provider: 'twilio', eventKey: key, type: 'x', payload: {} }, processEvent),
      ),
      inbox.receive(unstorable, processEvent),
      inbox.receive({ provider: 'twilio', eventKey: 'good-3', type: 'x', payload: {} }, processEvent),
    ]);
    expect(deliveries.map((delivery) => delivery.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    for (const key of ['lead', 'good-1', 'good-2', 'good-3']) {
      await waitFor(async () => ((await statusOf(key))?.status === 'processed' ? true : undefined));
    }
    expect(await statusOf('bad')).toBeUndefined();
  });

  it('retries a failing event and records the attempts', async () => {
    failuresLeft = 1;
    await inbox.receive(
      { provider: 'twilio', eventKey: 'CA1:3', type: 'completed', payload: {} },
      processEvent,
    );
    const settled = await waitFor(async () => {
      const row = await statusOf('CA1:3');
      return row?.status === 'processed' ? row : undefined;
    });
    expect(settled.attempts).toBe(2);
  });

  it('marks an event failed after the last attempt instead of retrying forever', async () => {
    failuresLeft = 5;
    await inbox.receive(
      { provider: 'twilio', eventKey: 'CA2:9', type: 'completed', payload: {} },
      processEvent,
    );
    const settled = await waitFor(async () => {
      const row = await statusOf('CA2:9');
      return row?.status === 'failed' ? row : undefined;
    }, 20_000);
    expect(settled.outcome).toBe('downstream unavailable');
    failuresLeft = 0;
  });

  it('queues again an event whose job was lost', async () => {
    const [row] = await database.db
      .insert(providerEvents)
      .values({ provider: 'stripe', eventKey: 'evt_lost', type: 'x', payload: {}, receivedAt: clock.now() })
      .returning();
    clock.advance(20 * 60_000);
    expect(await inbox.requeueStale('stripe', processEvent, 15 * 60_000)).toBe(1);
    await waitFor(async () => ((await statusOf('evt_lost'))?.status === 'processed' ? true : undefined));
    expect(row?.id).toBeDefined();
  });
});
