import {
  type CountryCode,
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
} from 'libphonenumber-js/max';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Where CLDR's English name reads oddly in a price list ("Hong Kong SAR China", "Congo - Kinshasa"). */
const nameOverrides: Record<string, string> = {
  BA: 'Bosnia and Herzegovina',
  CD: 'DR Congo',
  CG: 'Congo',
  HK: 'Hong Kong',
  MM: 'Myanmar',
  MO: 'Macao',
  PS: 'Palestine',
  AG: 'Antigua and Barbuda',
  KN: 'Saint Kitts and Nevis',
  TT: 'Trinidad and Tobago',
  VC: 'Saint Vincent and the Grenadines',
  ST: 'São Tomé and Príncipe',
};

/** Names that take "the" inside a sentence: "too short for the United Kingdom". */
const takesArticle = new Set([
  'AE',
  'BS',
  'CF',
  'DO',
  'FK',
  'FO',
  'GB',
  'GM',
  'KM',
  'KY',
  'MH',
  'MV',
  'NL',
  'PH',
  'SB',
  'TC',
  'US',
  'VA',
  'VG',
  'VI',
]);

export type CountryInfo = {
  /** ISO 3166-1 alpha-2, upper case. */
  iso: string;
  name: string;
  /** The name as it reads inside a sentence ("the United Kingdom"). */
  nameInSentence: string;
  /** "+44". */
  dialingCode: string;
  /** The country's flag as an emoji (two regional indicator symbols). */
  flag: string;
};

const cache = new Map<string, CountryInfo | null>();

function flagOf(iso: string): string {
  return String.fromCodePoint(...[...iso].map((letter) => 0x1f1e6 + letter.charCodeAt(0) - 65));
}

/** A country that has telephone numbers, by ISO code (any case); null for codes no numbering plan uses. */
export function countryInfo(isoInput: string): CountryInfo | null {
  const iso = isoInput.toUpperCase();
  const known = cache.get(iso);
  if (known !== undefined) return known;
  let info: CountryInfo | null = null;
  if (/^[A-Z]{2}$/.test(iso) && isSupportedCountry(iso)) {
    const name = nameOverrides[iso] ?? regionNames.of(iso) ?? iso;
    info = {
      iso,
      name,
      nameInSentence: takesArticle.has(iso) ? `the ${name}` : name,
      dialingCode: `+${getCountryCallingCode(iso as CountryCode)}`,
      flag: flagOf(iso),
    };
  }
  cache.set(iso, info);
  return info;
}

/** Every country with a numbering plan. */
export function allCountries(): CountryInfo[] {
  return getCountries().flatMap((iso) => countryInfo(iso) ?? []);
}
