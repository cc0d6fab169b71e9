/**
 * Phone numbers for every module that takes one: parsing what people type into E.164 with the country and
 * kind of number, humane messages for impossible numbers, and country facts (name, dialing code, flag).
 */
export { allCountries, type CountryInfo, countryInfo } from './countries.data';
export {
  type NormalizedPhone,
  normalizePhone,
  type PhoneNumberKind,
  type PhoneParseResult,
  type PhoneProblem,
  parsePhone,
} from './phone.util';

import { countryInfo } from './countries.data';
import { normalizePhone, parsePhone } from './phone.util';

/** The helper as one object, for modules that prefer `phone.normalize(input, { defaultCountry })`. */
export const phone = { parse: parsePhone, normalize: normalizePhone, country: countryInfo };
