import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readYamlRates } from './yaml-rates.domain';

const shipped = readFileSync(path.resolve(import.meta.dirname, '../../../config/call_rates.yml'), 'utf8');

describe('the shipped YAML deck', () => {
  const { inputs, errors, countries } = readYamlRates(shipped);

  it('reads without errors and covers at least 60 countries', () => {
    expect(errors).toEqual([]);
    expect(countries).toBeGreaterThanOrEqual(60);
  });

  it('prices mobiles apart from landlines where they differ', () => {
    const gb = inputs.filter((input) => input.country === 'GB' && input.plan === 'individual');
    expect(gb.map((input) => [input.prefix, input.type])).toEqual([
      ['44', 'landline'],
      ['447', 'mobile'],
    ]);
    const mobileCountries = new Set(
      inputs.filter((input) => input.type === 'mobile').map((input) => input.country),
    );
    expect(mobileCountries.size).toBeGreaterThanOrEqual(50);
  });

  it('prices company seats a little below individuals, and never above', () => {
    const byKey = new Map(inputs.map((input) => [`${input.prefix}:${input.plan}`, input.priceMicros]));
    for (const input of inputs.filter((each) => each.plan === 'individual')) {
      const company = byKey.get(`${input.prefix}:company`) as number;
      expect(company).toBeLessThan(input.priceMicros);
      expect(company).toBeGreaterThan(input.priceMicros * 0.7);
    }
  });

  it('keeps prices within real-world bounds: between a tenth of a cent and a dollar a minute', () => {
    for (const input of inputs) {
      expect(input.priceMicros).toBeGreaterThanOrEqual(1_000);
      expect(input.priceMicros).toBeLessThanOrEqual(1_000_000);
    }
  });
});

describe('readYamlRates', () => {
  it('reads prices exactly, as text, and one destination into several prefixes', () => {
    const { inputs, errors } = readYamlRates(
      'currency: USD\ncountries:\n  FR:\n    - { label: Mobile, individual: 0.0501, company: 0.04, prefixes: [336, 337] }\n',
    );
    expect(errors).toEqual([]);
    expect(inputs.map((input) => [input.prefix, input.plan, input.priceMicros, input.type])).toEqual([
      ['336', 'individual', 50_100, 'mobile'],
      ['336', 'company', 40_000, 'mobile'],
      ['337', 'individual', 50_100, 'mobile'],
      ['337', 'company', 40_000, 'mobile'],
    ]);
  });

  it('reports a broken file, another currency, unknown keys and repeated prefixes', () => {
    expect(readYamlRates('countries: [').errors[0]?.row).toBe('file');
    expect(readYamlRates('currency: EUR\ncountries: {}').errors).toEqual([
      { row: 'currency', message: 'only USD prices are supported' },
    ]);
    expect(
      readYamlRates(
        'currency: USD\ncountries:\n  GB:\n    - { prefix: 44, label: L, individual: 1, company: 1, cost: 1 }',
      ).errors[0]?.row,
    ).toBe('countries.GB.0');
    const repeated = readYamlRates(
      'currency: USD\ncountries:\n  GB:\n    - { prefix: 44, label: A, individual: 1, company: 1 }\n    - { prefix: 44, label: B, individual: 1, company: 1 }',
    );
    expect(repeated.errors).toEqual([
      { row: 'GB[2]', field: 'prefix', message: 'prefix 44 is already priced in GB[1]' },
    ]);
  });
});
