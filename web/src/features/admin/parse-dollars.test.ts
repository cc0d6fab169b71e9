import { describe, expect, it } from 'vitest';
import { parseDollars } from './account-wallet-panel';

describe('parseDollars', () => {
  it('reads dollars with up to two decimals, either sign, into cents', () => {
    expect(parseDollars('25')).toBe(2500);
    expect(parseDollars('12.5')).toBe(1250);
    expect(parseDollars('-3.05')).toBe(-305);
    expect(parseDollars(' +0.99 ')).toBe(99);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'ten', '1.234', '1,000', '--1', '1e3', '12345678'])
      expect(parseDollars(text)).toBeNull();
  });
});
