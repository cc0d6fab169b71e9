import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { DAILY_SWEEP_CRON } from './housekeeping.jobs';

describe('housekeeping', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ work: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('schedules the daily sweep on its cron', async () => {
    const result = await t.database.pool.query('select cron, timezone from pgboss.schedule where name = $1', [
      'housekeeping.daily-sweep',
    ]);
    expect(result.rows).toEqual([{ cron: DAILY_SWEEP_CRON, timezone: 'UTC' }]);
  });

  it('records a run, with what each task removed, when the queue delivers the job', async () => {
    let removed = 3;
    t.modules.housekeeping.service.addTask({ name: 'example', run: async () => removed-- });
    t.modules.housekeeping.service.addTask({
      name: 'broken',
      run: async () => {
        throw new Error('boom');
      },
    });
    await t.jobs.send(t.modules.housekeeping.dailySweep, { trigger: 'manual' });

    const deadline = Date.now() + 10_000;
    let runs = await t.modules.housekeeping.service.recentRuns();
    while (!runs.some((run) => run.finishedAt) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runs = await t.modules.housekeeping.service.recentRuns();
    }
    const [run] = runs;
    expect(run?.trigger).toBe('manual');
    expect(run?.finishedAt).toBeInstanceOf(Date);
    expect(run?.results).toMatchObject({ example: 3, broken: -1 });
  });
});
