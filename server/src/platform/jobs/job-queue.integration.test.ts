import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { waitFor } from '../../../test/support/wait';
import { createLogger } from '../logger.adapter';
import { createMetrics, type Metrics } from '../metrics.adapter';
import { defineJob, NonRetryableError } from './define-job.util';
import { createJobQueue, type JobQueue } from './job-queue.adapter';

describe('createJobQueue', () => {
  let database: TestDatabase;
  let queue: JobQueue;
  let metrics: Metrics;
  const seen: string[] = [];
  let attempts = 0;

  const echo = defineJob({
    name: 'test.echo',
    schema: z.object({ word: z.string().min(1) }),
    async handler(payload) {
      seen.push(payload.word);
    },
  });
  const flaky = defineJob({
    name: 'test.flaky',
    schema: z.object({}),
    retryLimit: 3,
    retryDelaySeconds: 1,
    async handler() {
      attempts += 1;
      if (attempts < 2) throw new Error('temporary outage');
    },
  });
  const doomed = defineJob({
    name: 'test.doomed',
    schema: z.object({}),
    retryLimit: 3,
    async handler() {
      throw new NonRetryableError('the record is gone');
    },
  });

  const batchRuns: string[] = [];
  const batched = defineJob({
    name: 'test.batched',
    schema: z.object({ word: z.string() }),
    batchSize: 10,
    retryLimit: 2,
    retryDelaySeconds: 1,
    async handler(payload, context) {
      batchRuns.push(payload.word);
      if (payload.word === 'bad' && context.retryCount === 0) throw new Error('try again');
    },
  });

  async function stateOf(name: string, id: string) {
    const result = await database.pool.query(
      'select state, retry_count from pgboss.job where name = $1 and id = $2',
      [name, id],
    );
    return result.rows[0] as { state: string; retry_count: number } | undefined;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    metrics = createMetrics();
    queue = createJobQueue({
      pool: database.pool,
      logger: createLogger({ log: { level: 'silent' } }),
      metrics,
      pollSeconds: 0.5,
    });
    await queue.start();
    await queue.register([echo, flaky, doomed, batched], { work: true });
  });
  afterAll(async () => {
    await queue.stop();
    await database.drop();
  });

  it('runs a job with its validated payload', async () => {
    await queue.send(echo, { word: 'hello' });
    await waitFor(async () => (seen.includes('hello') ? true : undefined));
  });

  it('does not retry a payload that fails validation', async () => {
    const id = await queue.send(echo, { word: '' });
    const done = await waitFor(async () => {
      const state = await stateOf(echo.name, String(id));
      return state?.state === 'completed' ? state : undefined;
    });
    expect(done.retry_count).toBe(0);
    expect(seen).not.toContain('');
    expect(await metrics.jobsProcessed.get()).toMatchObject({
      values: expect.arrayContaining([
        expect.objectContaining({ labels: { queue: 'test.echo', result: 'rejected' } }),
      ]),
    });
  });

  it('retries a failing job until it succeeds', async () => {
    const id = await queue.send(flaky, {});
    const done = await waitFor(async () => {
      const state = await stateOf(flaky.name, String(id));
      return state?.state === 'completed' ? state : undefined;
    });
    expect(done.retry_count).toBe(1);
    expect(attempts).toBe(2);
  });

  it('ends a job at once on a NonRetryableError', async () => {
    const id = await queue.send(doomed, {});
    const done = await waitFor(async () => {
      const state = await stateOf(doomed.name, String(id));
      return state?.state === 'completed' ? state : undefined;
    });
    expect(done.retry_count).toBe(0);
  });

  it('runs a batch of jobs side by side, retrying only the one that failed', async () => {
    const words = ['a', 'b', 'bad', 'c', 'd'];
    const ids = await database.db.transaction(async (tx) => {
      const sent: (string | null)[] = [];
      // One statement at a time: a transaction is one connection.
      for (const word of words) sent.push(await queue.send(batched, { word }, { executor: tx }));
      return sent;
    });
    const states = await waitFor(async () => {
      const all = await Promise.all(ids.map((id) => stateOf(batched.name, String(id))));
      return all.every((state) => state?.state === 'completed') ? all : undefined;
    });
    expect(states.map((state) => state?.retry_count)).toEqual([0, 0, 1, 0, 0]);
    expect([...batchRuns].sort()).toEqual(['a', 'b', 'bad', 'bad', 'c', 'd']);
  });

  it('enqueues inside a transaction only if the transaction commits', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await queue.send(echo, { word: 'rolled-back' }, { executor: tx });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await database.db.transaction(async (tx) => {
      await queue.send(echo, { word: 'committed' }, { executor: tx });
    });
    await waitFor(async () => (seen.includes('committed') ? true : undefined));
    const rows = await database.db.execute(
      sql`select count(*)::int as n from pgboss.job where name = 'test.echo' and data->>'word' = 'rolled-back'`,
    );
    expect(rows.rows[0]?.n).toBe(0);
  });

  it('queues many jobs in one statement, with the queue’s retry settings, only if the transaction commits', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await queue.sendMany(batched, [{ word: 'many-rolled-back' }], { executor: tx });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await database.db.transaction(async (tx) => {
      await queue.sendMany(batched, [{ word: 'many-1' }, { word: 'many-2' }], { executor: tx });
    });
    await queue.sendMany(batched, [{ word: 'many-3' }]);
    await waitFor(async () =>
      ['many-1', 'many-2', 'many-3'].every((word) => batchRuns.includes(word)) ? true : undefined,
    );
    const jobs = await database.pool.query(
      `select data->>'word' as word, retry_limit from pgboss.job
        where name = $1 and data->>'word' like 'many-%' order by 1`,
      [batched.name],
    );
    expect(jobs.rows).toEqual([
      { word: 'many-1', retry_limit: 2 },
      { word: 'many-2', retry_limit: 2 },
      { word: 'many-3', retry_limit: 2 },
    ]);
  });
});

describe('a backlog of batched jobs', () => {
  let database: TestDatabase;
  const done: number[] = [];
  const drained = defineJob({
    name: 'test.backlog',
    schema: z.object({ n: z.number() }),
    batchSize: 5,
    async handler(payload) {
      done.push(payload.n);
    },
  });
  const quietly = () => ({
    pool: database.pool,
    logger: createLogger({ log: { level: 'silent' } }),
    metrics: createMetrics(),
    // Far longer than the test waits: only fetching again right after a full batch can drain the backlog.
    pollSeconds: 600,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('is drained a full batch after another, without waiting for the next poll', async () => {
    const producer = createJobQueue(quietly());
    await producer.start();
    await producer.register([drained], { work: false });
    await database.db.transaction(async (tx) => {
      for (let n = 0; n < 23; n += 1) await producer.send(drained, { n }, { executor: tx });
    });
    const consumer = createJobQueue(quietly());
    await consumer.start();
    try {
      await consumer.register([drained], { work: true });
      await waitFor(async () => (done.length === 23 ? true : undefined), 20_000);
      expect([...done].sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, n) => n));
    } finally {
      await consumer.stop();
      await producer.stop();
    }
  });
});

describe('stopping the queue', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('waits for jobs whose fetch was still on its way back, and records them as done', async () => {
    const handled: number[] = [];
    const late = defineJob({
      name: 'test.late',
      schema: z.object({ n: z.number() }),
      async handler(payload) {
        handled.push(payload.n);
      },
    });
    const settings = {
      logger: createLogger({ log: { level: 'silent' } }),
      metrics: createMetrics(),
      pollSeconds: 600,
    };
    const producer = createJobQueue({ pool: database.pool, ...settings });
    await producer.start();
    await producer.register([late], { work: false });
    const id = await producer.send(late, { n: 1 });
    await producer.stop();

    // The consumer's fetches reach the database, but their answer is held back until the stop has begun.
    let fetched = () => {};
    const fetchedJob = new Promise<void>((resolve) => {
      fetched = resolve;
    });
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const heldBackPool = {
      async query(text: string, values?: unknown[]) {
        const result = await database.pool.query(text, values);
        if (text.includes('SKIP LOCKED') && result.rows.length > 0) {
          fetched();
          await released;
        }
        return result;
      },
    };
    const consumer = createJobQueue({ pool: heldBackPool as unknown as pg.Pool, ...settings });
    await consumer.start();
    await consumer.register([late], { work: true });
    await fetchedJob;

    const stopped = consumer.stop();
    setTimeout(release, 300);
    await stopped;
    expect(handled).toEqual([1]);
    const state = await database.pool.query('select state from pgboss.job where id = $1', [id]);
    expect(state.rows[0]).toEqual({ state: 'completed' });
  });
});
