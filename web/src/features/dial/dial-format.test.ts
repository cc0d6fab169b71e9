import { describe, expect, it } from 'vitest';
import {
  cleanDialInput,
  defaultCountry,
  dialCountries,
  flagOf,
  formatDuration,
  formatInternational,
  readTyped,
  runningCostCents,
} from './dial-format';

describe('the dialer’s number handling', () => {
  it('formats as people type, in the chosen country', () => {
    expect(readTyped('202555', 'US')).toMatchObject({ display: '(202) 555', e164: null, possible: false });
    expect(readTyped('2025550100', 'US')).toMatchObject({
      display: '(202) 555-0100',
      e164: '+12025550100',
      possible: true,
    });
    expect(readTyped('07400123456', 'GB')).toMatchObject({ display: '07400 123456', e164: '+447400123456' });
  });

  it('switches to the country of an international number', () => {
    expect(readTyped('+447400123456', 'US')).toMatchObject({
      display: '+44 7400 123456',
      e164: '+447400123456',
      country: 'GB',
    });
    expect(readTyped('+33', 'US').display).toBe('+33');
  });

  it('keeps only what a number is made of from pasted text', () => {
    expect(cleanDialInput(' +44 (0)20 7946-0018 ')).toBe('+4402079460018');
    expect(cleanDialInput('tel: 202.555.0100')).toBe('2025550100');
    expect(cleanDialInput('1+2')).toBe('12');
  });

  it('lists countries with names, dialing codes and flags', () => {
    const countries = dialCountries();
    expect(countries.find((country) => country.iso === 'GB')).toEqual({
      iso: 'GB',
      name: 'United Kingdom',
      dialingCode: '+44',
      flag: flagOf('GB'),
    });
    expect(flagOf('fr')).toBe('🇫🇷');
    const names = countries.map((country) => country.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('starts in the country of the browser’s language', () => {
    const known = new Set(['GB', 'US', 'FR']);
    expect(defaultCountry(['fr-FR', 'en'], known)).toBe('FR');
    expect(defaultCountry(['en'], known)).toBe('US');
    expect(defaultCountry(['en-XX', 'en-GB'], known)).toBe('GB');
  });

  it('shows durations and the running cost as the server bills them', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(67)).toBe('1:07');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(runningCostCents(0, 20_000)).toBe(0);
    expect(runningCostCents(1, 20_000)).toBe(2);
    expect(runningCostCents(60, 20_000)).toBe(2);
    expect(runningCostCents(61, 21_000)).toBe(5);
    expect(formatInternational('+12025550100')).toBe('+1 202 555 0100');
  });
});
