import { describe, expect, it } from 'vitest';
import { formatCents, formatDollars, formatRate } from '../../shared/lib/money';
import { foldText, internationalDigits, minutesFor, searchCountries } from './format';

describe('formatRate', () => {
  it('shows micro-dollars exactly as dollars with at least two decimals', () => {
    expect(formatRate(21_000)).toBe('$0.021');
    expect(formatRate(43_750)).toBe('$0.04375');
    expect(formatRate(100_000)).toBe('$0.10');
    expect(formatRate(1_000_000)).toBe('$1.00');
    expect(formatRate(1)).toBe('$0.000001');
    expect(formatRate(0)).toBe('$0.00');
  });
});

describe('formatDollars', () => {
  it('shows whole dollars without cents', () => {
    expect(formatDollars(500)).toBe('$5');
    expect(formatDollars(10_000)).toBe('$100');
    expect(formatDollars(250)).toBe('$2.50');
  });
});

describe('minutesFor', () => {
  it('counts whole minutes, as billing does', () => {
    expect(minutesFor(500, 49_000)).toBe(102);
    expect(minutesFor(2000, 21_000)).toBe(952);
    expect(minutesFor(500, 50_000)).toBe(100);
    expect(minutesFor(500, 0)).toBeNull();
  });
});

describe('searchCountries', () => {
  const countries = [
    { iso: 'GB', name: 'United Kingdom', dialingCode: '+44' },
    { iso: 'US', name: 'United States', dialingCode: '+1' },
    { iso: 'AE', name: 'United Arab Emirates', dialingCode: '+971' },
    { iso: 'CI', name: 'Côte d’Ivoire', dialingCode: '+225' },
    { iso: 'DE', name: 'Germany', dialingCode: '+49' },
    { iso: 'TZ', name: 'Tanzania', dialingCode: '+255' },
  ];
  const more = [
    ...countries,
    { iso: 'CA', name: 'Canada', dialingCode: '+1' },
    { iso: 'UA', name: 'Ukraine', dialingCode: '+380' },
    { iso: 'CU', name: 'Cuba', dialingCode: '+53' },
  ];
  const among = (query: string) => searchCountries(more, query).map((country) => country.iso);
  const names = (query: string) => searchCountries(countries, query).map((country) => country.iso);

  it('finds by name, ignoring case and accents', () => {
    expect(names('united k')).toEqual(['GB']);
    expect(names('UNITED')).toEqual(['GB', 'US', 'AE']);
    expect(names('cote')).toEqual(['CI']);
    expect(names('emirates')).toEqual(['AE']);
    expect(foldText(' Côte ')).toBe('cote');
  });

  it('finds by ISO code and by dialing code', () => {
    expect(names('de')).toEqual(['DE']);
    expect(names('+44')).toEqual(['GB']);
    expect(names('49')).toEqual(['DE']);
    expect(names('0044')).toEqual(['GB']);
    expect(names('+2')).toEqual(['CI', 'TZ']);
  });

  it('knows the names people type: UK, USA, UAE', () => {
    expect(among('UK')[0]).toBe('GB');
    expect(among('uk')).toEqual(['GB', 'UA']);
    expect(among('USA')).toEqual(['US']);
    expect(among('uae')).toEqual(['AE']);
    expect(among('britain')).toEqual(['GB']);
  });

  it('picks the country of a whole number, pasted in any format', () => {
    expect(among('+1 202 555 0115')).toEqual(['US']);
    expect(among('+1 (202) 555-0115')).toEqual(['US']);
    expect(among('0044 20 7946 0958')).toEqual(['GB']);
    expect(among('+380 44 123 4567')).toEqual(['UA']);
    expect(among('+53 7 123 4567')).toEqual(['CU']);
    expect(among('+999 123 4567')).toEqual([]);
    expect(internationalDigits('+44')).toBeNull();
    expect(internationalDigits('+44 20 7946 0958')).toBe('442079460958');
  });

  it('lists everything for an empty query and nothing for nonsense', () => {
    expect(names('')).toHaveLength(6);
    expect(names('zzz')).toEqual([]);
  });
});

describe('formatCents', () => {
  it('shows two decimals, thousands separators and, when asked, the sign', () => {
    expect(formatCents(123456)).toBe('$1,234.56');
    expect(formatCents(-266)).toBe('−$2.66');
    expect(formatCents(500, { signed: true })).toBe('+$5.00');
    expect(formatCents(0, { signed: true })).toBe('$0.00');
  });
});
