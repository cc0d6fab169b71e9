import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyAgainstDecoy, verifyPassword } from './passwords.util';

describe('password policy', () => {
  it('wants at least 10 and at most 128 characters', () => {
    expect(passwordProblem('nine char', 'a@b.test')).toBe('too_short');
    expect(passwordProblem('x'.repeat(129), 'a@b.test')).toBe('too_long');
    expect(passwordProblem('ten chars!', 'a@b.test')).toBeNull();
  });

  it('refuses common passwords whatever their case, and one repeated character', () => {
    expect(passwordProblem('Password123', 'a@b.test')).toBe('too_common');
    expect(passwordProblem('QWERTYUIOP', 'a@b.test')).toBe('too_common');
    expect(passwordProblem('zzzzzzzzzzzz', 'a@b.test')).toBe('too_common');
  });

  it('refuses a password containing the address’s local part', () => {
    expect(passwordProblem('grace.hopper1906', 'grace.hopper@navy.test')).toBe('contains_email');
    expect(passwordProblem('abc-long-enough', 'abc@x.test')).toBeNull();
  });
});

describe('password hashing', () => {
  it('hashes with argon2id at OWASP’s parameters and verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });

  it('always fails the decoy check', async () => {
    expect(await verifyAgainstDecoy('decoy-password-that-nobody-has')).toBe(false);
  });
});
