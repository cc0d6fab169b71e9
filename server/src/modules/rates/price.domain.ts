import type { DestinationType } from './deck.domain';

export const MICROS_PER_DOLLAR = 1_000_000;
/** No real destination costs more; a bigger figure is a typo (cents or micros where dollars belong). */
export const MAX_PRICE_MICROS = 20 * MICROS_PER_DOLLAR;

/**
 * "0.0125" (US dollars per minute, as rate decks and YAML write them) → 12500 micro-dollars, exactly: the text
 * is read digit by digit, never through a float. Null for anything that is not a plain decimal with at most
 * six decimals.
 */
export function parseDollarsToMicros(text: string): number | null {
  const match = /^\$?(\d{1,6})(?:\.(\d{0,6}))?$/.exec(text.trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(6, '0'));
  return whole * MICROS_PER_DOLLAR + fraction;
}

/** A provider cost plus a markup in whole percent, rounded up to a whole micro-dollar (never below cost). */
export function applyMarkup(costMicros: number, markupPercent: number): number {
  return Math.ceil((costMicros * (100 + markupPercent)) / 100);
}

/** Reads the kind of destination from its label: "United Kingdom — Mobile" is a mobile destination. */
export function destinationTypeFromLabel(label: string): DestinationType {
  if (/\ball numbers\b|landline\s*(&|and)\s*mobile|mobile\s*(&|and)\s*landline/i.test(label)) return 'any';
  if (/mobile|cellular|wireless/i.test(label)) return 'mobile';
  if (/premium|satellite|special|shared|personal|toll|audiotext|paging/i.test(label)) return 'special';
  return 'landline';
}

/** The label of a destination shown to people: "United Kingdom — Mobile". */
export function destinationLabel(countryName: string, label: string): string {
  const trimmed = label.trim();
  return trimmed.startsWith(countryName) ? trimmed : `${countryName} — ${trimmed}`;
}
