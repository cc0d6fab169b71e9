import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { createLogger } from '../../platform/logger.adapter';
import { createMetrics } from '../../platform/metrics.adapter';
import { createRatesModule, type RatesSettings } from '.';

let now = new Date('2026-05-01T09:00:00Z').getTime();
const clock = { now: () => new Date(now) };

describe('quotes', () => {
  let t: TestApp;
  /** The same module as another server process would build it: its own deck in memory, the same database. */
  let otherProcess: ReturnType<typeof createRatesModule>;
  const build = (settings: Partial<RatesSettings> = {}) =>
    createRatesModule({
      db: t.db,
      clock,
      logger: createLogger({ log: { level: 'silent' } }),
      metrics: createMetrics(),
      telephony: t.modules.telephony,
      settings: { ...t.config.rates, ...settings },
      jobs: t.jobs,
      guards: t.modules.guards,
    });

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { RATES_REFRESH_SECONDS: '5' } });
    otherProcess = build();
    await otherProcess.start();
  });
  afterAll(async () => {
    await t.close();
  });

  it('does not load the YAML deck again when the table has rates', async () => {
    expect(await otherProcess.imports.loadYamlIfEmpty()).toBeNull();
  });

  it('quotes an unlisted destination at the default rate, naming its country', async () => {
    expect(await t.modules.rates.service.quote('+6793212345', 'individual')).toEqual({
      priced: true,
      e164: '+6793212345',
      country: 'FJ',
      destination: 'Fiji',
      prefix: null,
      type: null,
      plan: 'individual',
      rateMicros: 50_000,
      basis: 'default',
    });
  });

  it('refuses an unlisted destination when configured to', async () => {
    const strict = build({ refuseUnlisted: true });
    expect(await strict.service.quote('+6793212345', 'company')).toEqual({
      priced: false,
      e164: '+6793212345',
      country: 'FJ',
      plan: 'company',
      reason: 'unlisted_destination',
      message: "We don't offer calls to that destination yet",
    });
    expect(await strict.service.quote('+447400123456', 'company')).toMatchObject({
      priced: true,
      prefix: '447',
    });
  });

  it('refuses something that is not E.164', async () => {
    for (const bad of ['447400123456', '+0447400123456', '+44 7400 123456', '']) {
      await expect(t.modules.rates.service.quote(bad, 'individual')).rejects.toMatchObject({
        code: 'invalid_phone_number',
      });
    }
  });

  it('reaches other server processes within the refresh interval, through the version row', async () => {
    const before = await otherProcess.service.quote('+447400123456', 'individual');
    expect(before).toMatchObject({ rateMicros: 49_000 });

    await t.modules.rates.imports.applyCsvImport('447,GB,Mobile,0.0700,0.0600\n');
    expect(await t.modules.rates.service.quote('+447400123456', 'individual')).toMatchObject({
      rateMicros: 70_000,
    });

    now += 4_000;
    expect(await otherProcess.service.quote('+447400123456', 'individual')).toMatchObject({
      rateMicros: 49_000,
    });
    now += 1_000;
    expect(await otherProcess.service.quote('+447400123456', 'individual')).toMatchObject({
      rateMicros: 70_000,
    });
  });

  it('checks the version at most once per interval, and reloads only when it moved', async () => {
    const loads = async () => {
      const text = await t.metrics.registry.getSingleMetricAsString('rates_deck_loads_total');
      return Number(/rates_deck_loads_total (\d+)/.exec(text)?.[1]);
    };
    now += 10_000;
    await t.modules.rates.service.quote('+447400123456', 'individual');
    const before = await loads();
    now += 10_000;
    await Promise.all([1, 2, 3].map(() => t.modules.rates.service.quote('+33612345678', 'company')));
    expect(await loads()).toBe(before);
  });
});
