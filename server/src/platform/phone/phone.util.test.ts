import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app.errors';
import { countryInfo, normalizePhone, parsePhone } from '.';

function ok(input: string, defaultCountry?: string) {
  const result = parsePhone(input, { defaultCountry });
  if (!result.ok) throw new Error(`${input}: ${result.message}`);
  return result.phone;
}

function problem(input: string, defaultCountry?: string) {
  const result = parsePhone(input, { defaultCountry });
  if (result.ok) throw new Error(`${input} parsed as ${result.phone.e164}`);
  return { problem: result.problem, message: result.message };
}

describe('parsePhone', () => {
  it.each([
    ['020 7946 0018', 'GB', '+442079460018', 'GB', 'landline'],
    ['07400 123456', 'GB', '+447400123456', 'GB', 'mobile'],
    ['+44 (0)20 7946 0018', undefined, '+442079460018', 'GB', 'landline'],
    ['0044 7400 123456', 'FR', '+447400123456', 'GB', 'mobile'],
    ['030 1234567', 'DE', '+49301234567', 'DE', 'landline'],
    ['+49 151 23456789', undefined, '+4915123456789', 'DE', 'mobile'],
    ['(415) 555-2671', 'US', '+14155552671', 'US', 'landline_or_mobile'],
    ['+1 416-555-0123', undefined, '+14165550123', 'CA', 'landline_or_mobile'],
    ['01 23 45 67 89', 'FR', '+33123456789', 'FR', 'landline'],
    ['06 12 34 56 78', 'FR', '+33612345678', 'FR', 'mobile'],
    ['+91 98765 43210', undefined, '+919876543210', 'IN', 'mobile'],
    ['0803 123 4567', 'NG', '+2348031234567', 'NG', 'mobile'],
    ['+81 90-1234-5678', undefined, '+819012345678', 'JP', 'mobile'],
    ['+55 11 91234-5678', undefined, '+5511912345678', 'BR', 'mobile'],
    ['+61 2 9374 4000', undefined, '+61293744000', 'AU', 'landline'],
    ['+52 55 1234 5678', undefined, '+525512345678', 'MX', 'landline_or_mobile'],
    ['00 33 1 23 45 67 89', 'GB', '+33123456789', 'FR', 'landline'],
    ['+971 50 123 4567', undefined, '+971501234567', 'AE', 'mobile'],
    ['0800 123 4567', 'GB', '+448001234567', 'GB', 'toll_free'],
  ])('reads %s (default %s) as %s in %s, a %s number', (input, defaultCountry, e164, country, kind) => {
    const phone = ok(input, defaultCountry);
    expect(phone.e164).toBe(e164);
    expect(phone.country).toBe(country);
    expect(phone.kind).toBe(kind);
  });

  it('ignores the default country when the number carries its own code', () => {
    expect(ok('+49 30 1234567', 'GB').country).toBe('DE');
  });

  it('formats the number for people', () => {
    expect(ok('07400123456', 'GB').international).toBe('+44 7400 123456');
  });

  it.each([
    ['hello', 'GB'],
    ['', 'GB'],
    ['+', undefined],
    ['call me maybe', undefined],
    ['1'.repeat(50), 'US'],
  ])('says %j does not look like a phone number', (input, defaultCountry) => {
    expect(problem(input, defaultCountry)).toEqual({
      problem: 'not_a_number',
      message: "That doesn't look like a phone number",
    });
  });

  it('names the country of a number that is too short', () => {
    expect(problem('+44 20 7946')).toEqual({
      problem: 'too_short',
      message: 'That number is too short for the United Kingdom',
    });
    expect(problem('020 7946', 'GB').message).toBe('That number is too short for the United Kingdom');
    expect(problem('+49 1').message).toBe('That number is too short for Germany');
    expect(problem('12', 'US').message).toBe('That number is too short for the United States');
  });

  it('names the country of a number that is too long', () => {
    expect(problem('+44 1 1111111111')).toEqual({
      problem: 'too_long',
      message: 'That number is too long for the United Kingdom',
    });
  });

  it('says which leading digits a country does not use', () => {
    expect(problem('+44 61 2345678')).toEqual({
      problem: 'invalid_prefix',
      message: "Numbers in the United Kingdom don't start with 6",
    });
    expect(problem('+49 12 3456789').message).toBe("Numbers in Germany don't start with 12");
    expect(problem('+1 099 555 0100').message).toBe("Numbers in the United States don't start with 0");
  });

  it('asks for the country code when there is no default country', () => {
    expect(problem('4155552671')).toEqual({
      problem: 'missing_country_code',
      message: 'Please start the number with + and its country code',
    });
  });

  it('refuses a country code that does not exist', () => {
    expect(problem('+999 123456').problem).toBe('unknown_country_code');
  });

  it('treats an unknown default country as none', () => {
    expect(problem('4155552671', 'ZZ').problem).toBe('missing_country_code');
  });

  it('reads the same digits again under another default country', () => {
    expect(ok('020 7946 0018', 'GB').e164).toBe('+442079460018');
    expect(parsePhone('020 7946 0018', { defaultCountry: 'US' }).ok).toBe(false);
  });

  it('reads a number padded with more blanks than any number has', () => {
    const padded = `${' '.repeat(70)}+44 20 7946 0018`;
    const first = parsePhone(padded);
    expect(first.ok && first.phone.e164).toBe('+442079460018');
  });

  it('keeps only the latest ten thousand answers', () => {
    const first = parsePhone('+1 202 555 0100');
    for (let n = 0; n < 10_000; n += 1) parsePhone(`+44 7400 ${String(n).padStart(6, '0')}`);
    const again = parsePhone('+1 202 555 0100');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

describe('normalizePhone', () => {
  it('answers the normalised number', () => {
    expect(normalizePhone('07400 123456', { defaultCountry: 'gb' }).e164).toBe('+447400123456');
  });

  it('throws an invalid_phone_number error with the message and the problem', () => {
    const error = (() => {
      try {
        normalizePhone('+44 20 7946');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'invalid_phone_number',
      message: 'That number is too short for the United Kingdom',
      details: { problem: 'too_short' },
    });
  });
});

describe('countryInfo', () => {
  it('knows the name, dialing code and flag of a country', () => {
    expect(countryInfo('gb')).toEqual({
      iso: 'GB',
      name: 'United Kingdom',
      nameInSentence: 'the United Kingdom',
      dialingCode: '+44',
      flag: '🇬🇧',
    });
    expect(countryInfo('CD')?.name).toBe('DR Congo');
  });

  it('answers null for codes without a numbering plan', () => {
    expect(countryInfo('ZZ')).toBeNull();
    expect(countryInfo('GBR')).toBeNull();
  });
});
