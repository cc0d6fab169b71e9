import metadata from 'libphonenumber-js/metadata.max.json';
import { buildDeck, type DeckEntry } from '../server/src/modules/rates/deck.domain';
import { load, report, reportLoad } from './support/load';
import { startProduct } from './support/product';

// Part 1: longest-prefix lookups on a deck of 50,000+ prefixes, against a plain Map.get on exact keys (the
// ceiling: one hash probe per number, with the hash already cached on the key string).
const PREFIXES = 50_000;
const NUMBERS = 1_000_000;

// mulberry32: a small seeded generator, so every run measures the same deck and numbers.
let seed = 42;
function random(n: number): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
}
function digits(count: number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) out += String(random(10));
  return out;
}

const callingCodes = Object.keys(metadata.country_calling_codes as Record<string, string[]>);
const entries = new Map<string, DeckEntry>();
while (entries.size < PREFIXES) {
  const code = callingCodes[random(callingCodes.length)] as string;
  const prefix = code + digits(random(6));
  if (entries.has(prefix)) continue;
  const price = 1_000 + random(500_000);
  entries.set(prefix, {
    prefix,
    country: 'GB',
    destination: prefix,
    type: 'landline',
    individualMicros: price,
    companyMicros: Math.floor(price * 0.9),
  });
}
const deck = buildDeck(entries.values());
const prefixes = [...entries.keys()];

// Random E.164 numbers (digits after +): most extend a deck prefix, some only share a country code.
const numbers: string[] = new Array(NUMBERS);
for (let i = 0; i < NUMBERS; i += 1) {
  const start =
    i % 10 === 0
      ? (callingCodes[random(callingCodes.length)] as string)
      : (prefixes[random(prefixes.length)] as string);
  numbers[i] = (start + digits(15)).slice(0, 11 + random(3));
}
const exact = new Map<string, DeckEntry>();
for (const number of numbers)
  exact.set(number, entries.get(prefixes[random(prefixes.length)] as string) as DeckEntry);

/** Lookups per second over at least `seconds`, whole passes over the numbers. */
function measure(lookup: (number: string) => DeckEntry | null | undefined, seconds: number): number {
  let found = 0;
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (let i = 0; i < NUMBERS; i += 1) if (lookup(numbers[i] as string)) found += 1;
    done += NUMBERS;
  }
  const elapsed = (performance.now() - started) / 1000;
  if (found < 0) process.stdout.write(String(found)); // keeps the loop's work observable
  return done / elapsed;
}

measure((number) => deck.match(number, 'individual'), 0.3); // warm-up (JIT)
measure((number) => exact.get(number), 0.3);
const lookups = measure((number) => deck.match(number, 'individual'), 1.5);
const ceiling = measure((number) => exact.get(number), 1.5);
report('rates.deck.prefixes', deck.size, 'prefixes');
report('rates.lookup', Math.round(lookups), 'lookups/s');
report('rates.map_get_ceiling', Math.round(ceiling), 'lookups/s');
report('rates.lookup_vs_map', (lookups / ceiling) * 100, '%');

// Part 2: the public country price list through the whole HTTP stack, against /healthz in the same run.
const product = await startProduct();
try {
  await load({ url: `${product.baseUrl}/healthz`, duration: 1 });
  await load({ url: `${product.baseUrl}/api/rates/GB`, duration: 1 });
  const healthz = await load({ url: `${product.baseUrl}/healthz`, duration: 3 });
  const country = await load({ url: `${product.baseUrl}/api/rates/GB`, duration: 3 });
  reportLoad('healthz', healthz);
  reportLoad('rates.country', country);
  report('rates.country_vs_healthz', (country.requestsPerSecond / healthz.requestsPerSecond) * 100, '%');
} finally {
  await product.stop();
}
