import { describe, expect, it } from 'vitest';
import {
  applyMarkup,
  destinationLabel,
  destinationTypeFromLabel,
  parseDollarsToMicros,
} from './price.domain';

describe('parseDollarsToMicros', () => {
  it.each([
    ['0.0125', 12_500],
    ['0.012', 12_000],
    ['1', 1_000_000],
    ['1.', 1_000_000],
    ['$0.35', 350_000],
    [' 0.000001 ', 1],
    ['0.1', 100_000],
    ['0.29', 290_000],
    ['12.345678', 12_345_678],
  ])('reads %j as %i micro-dollars', (text, micros) => {
    expect(parseDollarsToMicros(text)).toBe(micros);
  });

  it.each(['', 'abc', '-0.01', '0.0000001', '1,5', '1e-3', '.5', '0.01 USD'])('refuses %j', (text) => {
    expect(parseDollarsToMicros(text)).toBeNull();
  });
});

describe('applyMarkup', () => {
  it('adds the markup and rounds up to a whole micro-dollar', () => {
    expect(applyMarkup(13_000, 30)).toBe(16_900);
    expect(applyMarkup(1, 30)).toBe(2);
    expect(applyMarkup(10_001, 25)).toBe(12_502);
    expect(applyMarkup(10_000, 0)).toBe(10_000);
  });
});

describe('destination labels', () => {
  it('reads the destination type from its label', () => {
    expect(destinationTypeFromLabel('United Kingdom — Mobile')).toBe('mobile');
    expect(destinationTypeFromLabel('Germany - Mobile - Vodafone')).toBe('mobile');
    expect(destinationTypeFromLabel('France — Landline')).toBe('landline');
    expect(destinationTypeFromLabel('Paris')).toBe('landline');
    expect(destinationTypeFromLabel('United Kingdom — Premium')).toBe('special');
    expect(destinationTypeFromLabel('Canada - All numbers')).toBe('any');
    expect(destinationTypeFromLabel('Landline & mobile')).toBe('any');
  });

  it('prefixes the country name once', () => {
    expect(destinationLabel('United Kingdom', 'Mobile')).toBe('United Kingdom — Mobile');
    expect(destinationLabel('United Kingdom', 'United Kingdom — Mobile')).toBe('United Kingdom — Mobile');
  });
});
