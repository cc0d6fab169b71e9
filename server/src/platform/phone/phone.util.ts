import {
  type CountryCode,
  isSupportedCountry,
  type NumberType,
  type PhoneNumber,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.max.json';
import { AppError } from '../errors/app.errors';
import { type CountryInfo, countryInfo } from './countries.data';

export type PhoneNumberKind =
  | 'mobile'
  | 'landline'
  | 'landline_or_mobile'
  | 'toll_free'
  | 'premium_rate'
  | 'shared_cost'
  | 'voip'
  | 'personal'
  | 'pager'
  | 'uan'
  | 'voicemail'
  | 'unknown';

export type NormalizedPhone = {
  /** "+447400123456". */
  e164: string;
  /** ISO code of the country the number belongs to; null for non-geographic numbers (+800, +882…). */
  country: string | null;
  /** "44". */
  callingCode: string;
  nationalNumber: string;
  kind: PhoneNumberKind;
  /** "+44 7400 123456". */
  international: string;
};

export type PhoneProblem =
  | 'not_a_number'
  | 'missing_country_code'
  | 'unknown_country_code'
  | 'too_short'
  | 'too_long'
  | 'invalid_prefix'
  | 'invalid';

export type PhoneParseResult =
  | { ok: true; phone: NormalizedPhone }
  | { ok: false; problem: PhoneProblem; message: string };

const kinds: Record<NumberType & string, PhoneNumberKind> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'landline',
  FIXED_LINE_OR_MOBILE: 'landline_or_mobile',
  TOLL_FREE: 'toll_free',
  PREMIUM_RATE: 'premium_rate',
  SHARED_COST: 'shared_cost',
  VOIP: 'voip',
  PERSONAL_NUMBER: 'personal',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

const callingCodes = metadata.country_calling_codes as Record<string, string[]>;

/** The main country of a calling code ("44" → GB, "1" → US), as the numbering plan lists it first. */
function mainCountryOf(callingCode: string): CountryInfo | null {
  const iso = callingCodes[callingCode]?.[0];
  return iso && iso !== '001' ? countryInfo(iso) : null;
}

function failure(problem: PhoneProblem, message: string): PhoneParseResult {
  return { ok: false, problem, message };
}

const fillDigits = '0123456789';

function isValidNational(nationalNumber: string, country: CountryInfo): boolean {
  const parsed = parsePhoneNumberFromString(`${country.dialingCode}${nationalNumber}`);
  return Boolean(parsed?.isValid());
}

/** Whether some valid number of the country begins with `head` (trying completions of nearby lengths). */
function someValidNumberStartsWith(head: string, length: number, country: CountryInfo): boolean {
  for (let total = Math.max(head.length + 1, length - 3); total <= Math.min(17, length + 4); total += 1) {
    for (const digit of fillDigits) {
      if (isValidNational(head + digit.repeat(total - head.length), country)) return true;
    }
  }
  return false;
}

/**
 * Why a number of the right shape is still not valid: cut short, one digit too many, or a range the country
 * does not use ("Numbers in Germany don't start with 9"). Only runs on the error path.
 */
function diagnoseInvalid(
  text: string,
  defaultCountry: CountryCode | undefined,
  parsed: PhoneNumber,
  country: CountryInfo,
): PhoneParseResult {
  const validAs = (candidate: string) =>
    Boolean(parsePhoneNumberFromString(candidate, defaultCountry)?.isValid());
  for (let extra = 1; extra <= 6; extra += 1) {
    for (const digit of fillDigits) {
      if (validAs(text + digit.repeat(extra))) {
        return failure('too_short', `That number is too short for ${country.nameInSentence}`);
      }
    }
  }
  const lastDigit = text.search(/\d\D*$/);
  if (parsed.nationalNumber.length > 4 && validAs(text.slice(0, lastDigit))) {
    return failure('too_long', `That number is too long for ${country.nameInSentence}`);
  }
  const national = parsed.nationalNumber;
  for (let length = 1; length <= Math.min(3, national.length); length += 1) {
    const head = national.slice(0, length);
    if (!someValidNumberStartsWith(head, national.length, country)) {
      return failure('invalid_prefix', `Numbers in ${country.nameInSentence} don't start with ${head}`);
    }
  }
  return failure('invalid', `That isn't a valid number in ${country.nameInSentence}`);
}

/** The country a number names by its calling code or its default, for messages about a number we could not read. */
function countryForMessages(text: string, parsed: PhoneNumber | undefined, fallback: CountryInfo | null) {
  if (parsed?.country) return countryInfo(parsed.country);
  if (parsed) return mainCountryOf(parsed.countryCallingCode);
  const international = /^(?:\+|00)\s*(\d{1,3})/.exec(text.replace(/[\s().-]/g, ''));
  const digits = international?.[1];
  if (!digits) return fallback;
  for (let length = 1; length <= digits.length; length += 1) {
    const found = mainCountryOf(digits.slice(0, length));
    if (found) return found;
  }
  return null;
}

/**
 * Turns what a person typed ("020 7946 0018", "+44 7400 123456", "0049 30 1234567") into E.164, with the
 * country and kind of number, or a message that person understands. `defaultCountry` is the ISO code used
 * for numbers typed without their country code.
 */
export function parsePhone(
  input: string,
  options: { defaultCountry?: string | null } = {},
): PhoneParseResult {
  const defaultCountryOption = options.defaultCountry;
  const text = input.trim();
  if (!/\d/.test(text) || text.length > 40) {
    return failure('not_a_number', "That doesn't look like a phone number");
  }
  const defaultIso = defaultCountryOption?.toUpperCase();
  const defaultCountry =
    defaultIso && isSupportedCountry(defaultIso) ? (defaultIso as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (parsed?.isValid()) return { ok: true, phone: normalized(parsed) };

  // Only a number we cannot take needs to be looked at again, for the reason why.
  const fallback = defaultCountry ? countryInfo(defaultCountry) : null;
  const lengthProblem = validatePhoneNumberLength(text, defaultCountry);
  const country = countryForMessages(text, parsed, fallback);

  if (lengthProblem === 'NOT_A_NUMBER')
    return failure('not_a_number', "That doesn't look like a phone number");
  if (lengthProblem === 'INVALID_COUNTRY') {
    if (!text.startsWith('+') && !text.startsWith('00') && !defaultCountry) {
      return failure('missing_country_code', 'Please start the number with + and its country code');
    }
    return failure(
      'unknown_country_code',
      "That country code doesn't exist; please check the digits after +",
    );
  }
  if (lengthProblem === 'TOO_SHORT' || lengthProblem === 'INVALID_LENGTH') {
    return failure('too_short', `That number is too short for ${country?.nameInSentence ?? 'its country'}`);
  }
  if (lengthProblem === 'TOO_LONG') {
    return failure('too_long', `That number is too long for ${country?.nameInSentence ?? 'its country'}`);
  }
  if (!parsed) return failure('not_a_number', "That doesn't look like a phone number");
  return country
    ? diagnoseInvalid(text, defaultCountry, parsed, country)
    : failure('invalid', "That number doesn't exist; please check it");
}

function normalized(parsed: PhoneNumber): NormalizedPhone {
  const type = parsed.getType();
  return {
    e164: parsed.number,
    country: parsed.country ?? null,
    callingCode: parsed.countryCallingCode,
    nationalNumber: parsed.nationalNumber,
    kind: type ? kinds[type] : 'unknown',
    international: parsed.formatInternational(),
  };
}

/** Like parsePhone, but throws a 422 `invalid_phone_number` AppError carrying the person's message. */
export function normalizePhone(
  input: string,
  options: { defaultCountry?: string | null } = {},
): NormalizedPhone {
  const result = parsePhone(input, options);
  if (!result.ok) throw new AppError('invalid_phone_number', result.message, { problem: result.problem });
  return result.phone;
}
