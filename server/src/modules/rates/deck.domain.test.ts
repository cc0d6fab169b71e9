import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDeck, type DeckEntry, priceOf, type RatePlan } from './deck.domain';

function entry(
  prefix: string,
  individualMicros: number | null,
  companyMicros: number | null = individualMicros,
): DeckEntry {
  return {
    prefix,
    country: 'GB',
    destination: `d${prefix}`,
    type: 'landline',
    individualMicros,
    companyMicros,
  };
}

describe('the rate deck', () => {
  const deck = buildDeck([
    entry('44', 20_000),
    entry('447', 50_000, 45_000),
    entry('4477', 60_000, null),
    entry('1', 14_000),
  ]);

  it('matches the longest prefix of a number', () => {
    expect(deck.match('442079460018', 'individual')?.prefix).toBe('44');
    expect(deck.match('447400123456', 'individual')?.prefix).toBe('447');
    expect(deck.match('447700900123', 'individual')?.prefix).toBe('4477');
    expect(deck.match('14155550100', 'company')?.prefix).toBe('1');
  });

  it('falls back to a shorter prefix when the plan has no price for the longer one', () => {
    expect(deck.match('447700900123', 'company')?.prefix).toBe('447');
  });

  it('matches a number equal to a prefix, and nothing for unknown or malformed digits', () => {
    expect(deck.match('447', 'individual')?.prefix).toBe('447');
    expect(deck.match('33123456789', 'individual')).toBeNull();
    expect(deck.match('', 'individual')).toBeNull();
    expect(deck.match('44a7', 'individual')).toBeNull();
    expect(deck.match('+447400123456', 'individual')).toBeNull();
  });

  it('counts its prefixes and keeps its entries', () => {
    expect(deck.size).toBe(4);
    expect(deck.entries.map((e) => e.prefix)).toEqual(['44', '447', '4477', '1']);
  });

  it('refuses duplicate, malformed and unpriced prefixes', () => {
    expect(() => buildDeck([entry('44', 1), entry('44', 2)])).toThrow(/duplicate prefix 44/);
    expect(() => buildDeck([entry('044', 1)])).toThrow(/invalid prefix/);
    expect(() => buildDeck([entry('44', null, null)])).toThrow(/no price/);
  });

  it('agrees with a naive longest-prefix scan on random decks and numbers', () => {
    const digits = (min: number, max: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
    const prefix = fc.tuple(fc.constantFrom(...'123456789'), digits(0, 5)).map(([a, b]) => a + b);
    const price = fc.option(fc.nat(1_000_000), { nil: null });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(prefix, price, price), { selector: ([p]) => p, maxLength: 60 }),
        fc.array(
          fc.tuple(fc.constantFrom(...'123456789'), digits(0, 14)).map(([a, b]) => a + b),
          { maxLength: 30 },
        ),
        fc.constantFrom<RatePlan>('individual', 'company'),
        (rows, numbers, plan) => {
          const entries = rows
            .filter(([, a, b]) => a !== null || b !== null)
            .map(([p, a, b]) => entry(p, a, b));
          const built = buildDeck(entries);
          for (const number of numbers) {
            const naive = entries
              .filter((e) => number.startsWith(e.prefix) && priceOf(e, plan) !== null)
              .sort((x, y) => y.prefix.length - x.prefix.length)[0];
            expect(built.match(number, plan)).toBe(naive ?? null);
          }
        },
      ),
    );
  });
});
