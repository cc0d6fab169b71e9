import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { AppError } from '../../platform/errors/app.errors';

const start = new Date('2026-03-01T12:00:00Z');
let now = start.getTime();
const clock = { now: () => new Date(now) };

async function rowCount(t: TestApp, where = 'true') {
  const result = await t.database.pool.query(`select count(*)::int as n from rates where ${where}`);
  return result.rows[0].n as number;
}

async function caught(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const goodCsv = [
  'prefix,country,destination,individual rate,company rate',
  '4420,GB,London,0.0150,0.0120',
  '44113,GB,Leeds,0.0160,"0.0130"',
  '"33",FR,"Landline, all regions",0.0250,0.0200',
  '',
].join('\n');

describe('rate imports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the YAML deck', () => {
    it('is loaded at first start, for both plans', async () => {
      expect(await rowCount(t)).toBeGreaterThan(700);
      const mobile = await t.modules.rates.service.quote('+447400123456', 'individual');
      expect(mobile).toMatchObject({
        priced: true,
        prefix: '447',
        destination: 'United Kingdom — Mobile',
        country: 'GB',
      });
      const company = await t.modules.rates.service.quote('+447400123456', 'company');
      expect(company.priced && company.rateMicros).toBeLessThan(mobile.priced ? mobile.rateMicros : 0);
      const landline = await t.modules.rates.service.quote('+442079460018', 'individual');
      expect(landline).toMatchObject({ prefix: '44', type: 'landline' });
    });

    it('changes nothing when loaded again', async () => {
      const before = await rowCount(t);
      now += 60_000;
      const summary = await t.modules.rates.imports.loadYamlRates();
      expect(summary).toMatchObject({ added: 0, changed: 0 });
      expect(summary.unchanged).toBe(before);
      expect(await rowCount(t)).toBe(before);
    });

    it('refuses a file with bad entries, naming each, and writes nothing', async () => {
      const before = await rowCount(t);
      const text = [
        'currency: USD',
        'countries:',
        '  GB:',
        '    - { prefix: 44, label: Landline, individual: 0.03, company: 0.02 }',
        '    - { prefix: 337, label: Mobile, individual: 0.05, company: abc }',
      ].join('\n');
      const error = await caught(t.modules.rates.imports.loadYamlRates({ text }));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'invalid_rates' });
      const { errors } = (error as AppError).details as { errors: { row: string; field: string }[] };
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 'GB[2]', field: 'prefix' }),
          expect.objectContaining({ row: 'GB[2]', field: 'company' }),
        ]),
      );
      expect(await rowCount(t)).toBe(before);
    });
  });

  describe('CSV imports', () => {
    it('previews a good file without writing', async () => {
      const before = await rowCount(t);
      const preview = await t.modules.rates.imports.previewCsvImport(goodCsv);
      expect(preview).toMatchObject({ added: 4, changed: 2, errors: [] });
      expect(preview.changes).toContainEqual({
        prefix: '4420',
        plan: 'company',
        country: 'GB',
        destination: 'United Kingdom — London',
        beforeMicros: null,
        afterMicros: 12_000,
      });
      expect(preview.changes).toContainEqual(
        expect.objectContaining({ prefix: '33', plan: 'individual', afterMicros: 25_000 }),
      );
      expect(await rowCount(t)).toBe(before);
    });

    it('applies a good file, and longer prefixes win at once', async () => {
      now += 60_000;
      const summary = await t.modules.rates.imports.applyCsvImport(goodCsv);
      expect(summary).toMatchObject({ added: 4, changed: 2, unchanged: 0 });
      const london = await t.modules.rates.service.quote('+442079460018', 'company');
      expect(london).toMatchObject({
        prefix: '4420',
        rateMicros: 12_000,
        destination: 'United Kingdom — London',
      });
      expect(await rowCount(t, "source = 'csv'")).toBe(6);
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await rowCount(t);
      now += 60_000;
      const summary = await t.modules.rates.imports.applyCsvImport(goodCsv);
      expect(summary).toMatchObject({ added: 0, changed: 0, unchanged: 6 });
      expect(await rowCount(t)).toBe(before);
    });

    it('reports every bad row with its line, and applies none of the file', async () => {
      const csv = [
        'prefix,country,destination,individual,company',
        '4420,GB,London,0.0100,0.0090',
        '0044,GB,Bad prefix,0.01,0.01',
        '4930,GB,Berlin,0.01,0.01',
        '4930,XX,Nowhere,0.01,0.01',
        '4421,GB,Birmingham,1.5.0,0.01',
        '4422,GB,,0.01,0.01',
        '4420,GB,London again,0.01,0.01',
        '4423,GB,Typo,150,0.01',
      ].join('\n');
      const preview = await t.modules.rates.imports.previewCsvImport(csv);
      expect(preview.errors.map((error) => [error.row, error.field])).toEqual([
        [3, 'prefix'],
        [4, 'prefix'],
        [5, 'country'],
        [6, 'individual'],
        [7, 'destination'],
        [9, 'individual'],
        [8, 'prefix'],
      ]);
      expect(preview.errors.find((error) => error.row === 4)?.message).toBe(
        "4930 does not start with United Kingdom's code +44",
      );
      expect(preview.errors.find((error) => error.row === 8)?.message).toBe(
        'prefix 4420 is already priced in row 2',
      );
      const before = await rowCount(t);
      const error = await caught(t.modules.rates.imports.applyCsvImport(csv));
      expect(error).toMatchObject({ code: 'invalid_rates', details: { errorCount: 7 } });
      expect((error as Error).message).toBe(
        '7 rows of the CSV file could not be read; nothing was imported.',
      );
      expect(await rowCount(t)).toBe(before);
      const london = await t.modules.rates.service.quote('+442079460018', 'individual');
      expect(london).toMatchObject({ rateMicros: 15_000 });
    });
  });

  describe('history and effective dates', () => {
    it('closes the old price where the new one starts, and answers the rate in force at any time', async () => {
      const before = clock.now();
      now += 60_000;
      const changedAt = clock.now();
      await t.modules.rates.imports.applyCsvImport('4420,GB,London,0.0180,0.0140\n');
      const history = await t.modules.rates.service.history('4420', 'individual');
      expect(history.map((row) => [row.priceMicros, row.effectiveTo?.toISOString() ?? null])).toEqual([
        [15_000, changedAt.toISOString()],
        [18_000, null],
      ]);
      expect(history[1]?.effectiveFrom).toEqual(changedAt);
      const then = await t.modules.rates.service.quoteAt('+442079460018', 'individual', before);
      expect(then).toMatchObject({ rateMicros: 15_000, prefix: '4420' });
      const current = await t.modules.rates.service.quote('+442079460018', 'individual');
      expect(current).toMatchObject({ rateMicros: 18_000 });
      const beforeAnyImport = await t.modules.rates.service.quoteAt(
        '+442079460018',
        'individual',
        new Date(start.getTime() - 1),
      );
      expect(beforeAnyImport).toMatchObject({ basis: 'default', rateMicros: 50_000 });
    });

    it('puts a price scheduled for later in force only when its time comes', async () => {
      const later = new Date(now + 3_600_000);
      const summary = await t.modules.rates.imports.applyCsvImport('4420,GB,London,0.0200,0.0160\n', {
        effectiveFrom: later,
      });
      expect(summary).toMatchObject({ changed: 2, effectiveFrom: later });
      expect(await t.modules.rates.service.quote('+442079460018', 'individual')).toMatchObject({
        rateMicros: 18_000,
      });
      now = later.getTime();
      expect(await t.modules.rates.service.quote('+442079460018', 'individual')).toMatchObject({
        rateMicros: 20_000,
      });
    });

    it('refuses to start a price before one already scheduled', async () => {
      const scheduled = new Date(now + 3_600_000);
      await t.modules.rates.imports.applyCsvImport('4421,GB,Birmingham,0.0200,0.0160\n', {
        effectiveFrom: scheduled,
      });
      const error = await caught(
        t.modules.rates.imports.applyCsvImport('4421,GB,Birmingham,0.0300,0.0260\n', {
          effectiveFrom: new Date(now + 60_000),
        }),
      );
      expect(error).toMatchObject({ code: 'invalid_rates' });
      expect((error as AppError).details?.errors).toEqual([
        expect.objectContaining({ row: '4421 (individual)', field: 'effectiveFrom' }),
        expect.objectContaining({ row: '4421 (company)', field: 'effectiveFrom' }),
      ]);
    });

    it('replaces a price set at the very same instant instead of keeping an empty period', async () => {
      now += 60_000;
      await t.modules.rates.imports.applyCsvImport('4424,GB,Sheffield,0.0200,0.0160\n');
      await t.modules.rates.imports.applyCsvImport('4424,GB,Sheffield,0.0210,0.0170\n');
      const history = await t.modules.rates.service.history('4424', 'individual');
      expect(history.map((row) => row.priceMicros)).toEqual([21_000]);
    });
  });

  describe('concurrent imports', () => {
    it('take turns: each prefix and plan keeps exactly one open row and an unbroken history', async () => {
      now += 60_000;
      const files = [
        '4425,GB,Leicester,0.0200,0.0160',
        '4425,GB,Leicester,0.0300,0.0260',
        '4425,GB,Leicester,0.0200,0.0160',
      ];
      await Promise.all(
        files.map((csv, index) =>
          t.modules.rates.imports
            .applyCsvImport(csv, { effectiveFrom: new Date(now + index * 1000) })
            .catch(() => null),
        ),
      );
      const open = await rowCount(t, "prefix = '4425' and effective_to is null");
      expect(open).toBe(2);
      const history = await t.modules.rates.service.history('4425', 'individual');
      for (let i = 1; i < history.length; i += 1) {
        expect(history[i - 1]?.effectiveTo).toEqual(history[i]?.effectiveFrom);
      }
    });
  });

  describe('provider price sync', () => {
    it('sets the cost and applies each plan’s markup', async () => {
      now += 60_000;
      const summary = await t.modules.rates.imports.syncProviderPrices({ countries: ['GB', 'DE'] });
      expect(summary.errors).toEqual([]);
      expect(summary.countries).toBe(2);
      const result = await t.database.pool.query(
        `select plan, price_micros, cost_micros, source, destination from rates
          where prefix = '447' and effective_to is null order by plan`,
      );
      // The sandbox list charges $0.035 for UK mobiles; markups are 25 % (company) and 40 % (individual).
      expect(result.rows).toEqual([
        {
          plan: 'company',
          price_micros: 43_750,
          cost_micros: 35_000,
          source: 'twilio',
          destination: 'United Kingdom — Mobile',
        },
        {
          plan: 'individual',
          price_micros: 49_000,
          cost_micros: 35_000,
          source: 'twilio',
          destination: 'United Kingdom — Mobile',
        },
      ]);
    });

    it('changes nothing when synced again', async () => {
      const before = await rowCount(t);
      now += 60_000;
      const summary = await t.modules.rates.imports.syncProviderPrices({ countries: ['GB', 'DE'] });
      expect(summary).toMatchObject({ added: 0, changed: 0 });
      expect(await rowCount(t)).toBe(before);
    });

    it('reports a country the provider does not price and syncs the rest', async () => {
      const summary = await t.modules.rates.imports.syncProviderPrices({ countries: ['GB', 'AQ'] });
      expect(summary.errors).toEqual([{ row: 'AQ', message: 'The sandbox has no voice prices for AQ' }]);
      expect(summary.unchanged).toBeGreaterThan(0);
    });

    it('refuses when the provider answers for no country at all', async () => {
      const error = await caught(t.modules.rates.imports.syncProviderPrices({ countries: ['AQ'] }));
      expect(error).toMatchObject({ code: 'provider_unavailable' });
    });
  });
});
