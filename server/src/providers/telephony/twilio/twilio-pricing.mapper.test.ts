import { describe, expect, it } from 'vitest';
import { priceToMicros } from '../price.mapper';
import { mapVoiceCountry } from './twilio-pricing.mapper';

describe('priceToMicros', () => {
  it('reads decimal strings exactly and rounds extra precision up', () => {
    expect(priceToMicros('0.0130')).toBe(13_000);
    expect(priceToMicros('0.01300001')).toBe(13_001);
    expect(priceToMicros('0.013000000')).toBe(13_000);
    expect(priceToMicros(0.013)).toBe(13_000);
    expect(priceToMicros('1')).toBe(1_000_000);
    expect(priceToMicros('n/a')).toBeNull();
    expect(priceToMicros(undefined)).toBeNull();
  });
});

describe('mapVoiceCountry', () => {
  it('prefers the price for all origins, else the highest origin-specific one, and skips bad prefixes', () => {
    const list = mapVoiceCountry(
      {
        isoCountry: 'de',
        priceUnit: 'usd',
        outboundPrefixPrices: [
          {
            originationPrefixes: ['49'],
            destinationPrefixes: ['4915'],
            currentPrice: '0.02',
            friendlyName: 'Germany - Mobile',
          },
          {
            originationPrefixes: ['ALL'],
            destinationPrefixes: ['4915'],
            currentPrice: '0.07',
            friendlyName: 'Germany - Mobile',
          },
          {
            originationPrefixes: ['1'],
            destinationPrefixes: ['4916'],
            currentPrice: '0.06',
            friendlyName: 'Germany - Mobile',
          },
          {
            originationPrefixes: ['44'],
            destinationPrefixes: ['4916'],
            currentPrice: '0.08',
            friendlyName: 'Germany - Mobile',
          },
          {
            originationPrefixes: ['ALL'],
            destinationPrefixes: ['49', 'x49'],
            basePrice: '0.02',
            friendlyName: 'Germany - Landline',
          },
          { originationPrefixes: ['ALL'], destinationPrefixes: ['4917'], friendlyName: 'no price' },
        ],
      },
      'DE',
    );
    expect(list).toEqual({
      country: 'DE',
      currency: 'USD',
      destinations: [
        { label: 'Germany - Mobile', prefixes: ['4915'], costMicros: 70_000 },
        { label: 'Germany - Mobile', prefixes: ['4916'], costMicros: 80_000 },
        { label: 'Germany - Landline', prefixes: ['49'], costMicros: 20_000 },
      ],
    });
  });
});
