import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

describe('the provider price sync job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ work: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('syncs the requested countries from the provider when the queue delivers it', async () => {
    await t.jobs.send(t.modules.rates.syncProviderPricesJob, { countries: ['FR'] });
    const deadline = Date.now() + 10_000;
    let synced = 0;
    while (synced === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const result = await t.database.pool.query(
        `select count(*)::int as n from rates where source = 'twilio' and country = 'FR' and effective_to is null`,
      );
      synced = result.rows[0].n;
    }
    expect(synced).toBe(6);
  });
});
