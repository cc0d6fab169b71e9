import {
  AsYouType,
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
} from 'libphonenumber-js';

export type DialCountry = { iso: CountryCode; name: string; dialingCode: string; flag: string };

/** "GB" → 🇬🇧: two regional indicator symbols. */
export function flagOf(iso: string): string {
  return [...iso.toUpperCase()]
    .map((letter) => String.fromCodePoint(0x1f1e6 + letter.charCodeAt(0) - 65))
    .join('');
}

/** Every country the numbering plan knows, by English name, with its dialing code and flag. */
export function dialCountries(): DialCountry[] {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  return getCountries()
    .map((iso) => ({
      iso,
      name: names.of(iso) ?? iso,
      dialingCode: `+${getCountryCallingCode(iso)}`,
      flag: flagOf(iso),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** The country of the browser's language ("en-GB" → GB), else the United States. */
export function defaultCountry(languages: readonly string[], known: ReadonlySet<string>): CountryCode {
  for (const language of languages) {
    const region = language.split('-')[1]?.toUpperCase();
    if (region && known.has(region)) return region as CountryCode;
  }
  return 'US';
}

/**
 * What a person may type or paste into the dialer: digits, and a + only in front ("00" stays as typed, and
 * reads as an international prefix once the country is known).
 */
export function cleanDialInput(text: string): string {
  const trimmed = text.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

export type TypedNumber = {
  /** As people write it in that country ("+44 7400 123456", "(202) 555-0100"). */
  display: string;
  /** The full number once it is complete enough to be one; null before. */
  e164: string | null;
  /** The country the number belongs to, when its calling code says so. */
  country: CountryCode | undefined;
  possible: boolean;
};

/** Formats a number as it is typed, in the chosen country unless it starts with +. */
export function readTyped(raw: string, country: CountryCode): TypedNumber {
  const formatter = new AsYouType(raw.startsWith('+') ? undefined : country);
  const display = formatter.input(raw);
  const possible = formatter.isPossible();
  return {
    display,
    e164: possible ? (formatter.getNumberValue() ?? null) : null,
    country: formatter.getCountry(),
    possible,
  };
}

/** "+447400123456" → "+44 7400 123456". */
export function formatInternational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** 67 → "1:07"; 3725 → "1:02:05". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
 * What a call has cost so far under the server's billing rule (server/src/modules/rates/billing.domain.ts):
 * every started minute at the rate, rounded up to a whole cent once.
 */
export function runningCostCents(seconds: number, rateMicros: number): number {
  const minutes = Math.ceil(Math.max(0, Math.floor(seconds)) / 60);
  return Math.ceil((minutes * rateMicros) / 10_000);
}
