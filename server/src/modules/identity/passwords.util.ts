import { hash, verify } from '@node-rs/argon2';

/**
 * OWASP's argon2id baseline: 19 MiB of memory, 2 passes, 1 lane. (2 is Argon2id in the package's Algorithm
 * enum, a const enum that isolated modules cannot import.)
 */
const argon2Options = {
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Passwords of at least 10 characters that people pick most often (from public breach top lists). The length
 * rule already removes most of the top thousands; these are the long ones that survive it.
 */
const commonPasswords = new Set([
  '1234567890',
  '12345678910',
  '123456789a',
  '0123456789',
  '0987654321',
  '1111111111',
  '1234512345',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  'qwerty123456',
  'asdfghjkl1',
  'asdfghjkl;',
  'zxcvbnm123',
  'password12',
  'password123',
  'password1234',
  'password!',
  'password1!',
  'passw0rd12',
  'p@ssw0rd123',
  'iloveyou12',
  'iloveyou123',
  'football12',
  'football123',
  'baseball12',
  'basketball',
  'superman123',
  'batman1234',
  'welcome123',
  'welcome1234',
  'letmein123',
  'sunshine12',
  'princess12',
  'starwars12',
  'trustno1234',
  'abcdefghij',
  'abcd123456',
  'abc1234567',
  'aaaaaaaaaa',
  'administrator',
  'changeme123',
  'computer12',
  'monkey1234',
  'dragon1234',
  'master1234',
  'michael123',
  'jennifer12',
  'charlie123',
  'liverpool1',
  'chelsea123',
  'arsenal123',
  'mobayilo123',
  'mobayilo2026',
  'summer2024',
  'summer2025',
  'summer2026',
  'winter2025',
  'winter2026',
  'spring2026',
  'autumn2026',
  'qazwsxedcrfv',
  'zaq12wsxcde',
  '1q2w3e4r5t6y',
  'q1w2e3r4t5',
  'a1b2c3d4e5',
  '11223344556',
  '9876543210',
  '5555555555',
  '7777777777',
  '1234qwerty',
  'pokemon123',
  'minecraft1',
  'whatever12',
  'freedom123',
  'shadow1234',
  'hello12345',
  'helloworld',
  'hellohello',
  'loveyou123',
  'iloveyou1!',
  'testtest12',
  'test123456',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_email';

/** Length and a common-password check (OWASP ASVS 6.2): no composition rules. */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  if (password.length < 10) return 'too_short';
  if (password.length > 128) return 'too_long';
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered) || /^(.)\1+$/.test(password)) return 'too_common';
  const local = email.slice(0, email.lastIndexOf('@')).toLowerCase();
  if (local.length >= 4 && lowered.includes(local)) return 'contains_email';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Spends the time a real verification would, for sign-ins of unknown addresses or of seats without a
 * password, so that response times do not reveal which addresses have passwords.
 */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('decoy-password-that-nobody-has');
  await verifyPassword(await decoy, password);
  return false;
}
