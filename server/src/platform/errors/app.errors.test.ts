import { errorStatusByCode } from '@mobayilo/contract';
import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from './app.errors';

describe('AppError', () => {
  it('carries a code of the contract, whose status the table knows', () => {
    const error = new AppError('insufficient_funds', 'Not enough credit.', { availableCents: 0 });
    expect(isAppError(error)).toBe(true);
    expect(errorStatusByCode[error.code]).toBe(409);
    expect(error.details).toEqual({ availableCents: 0 });
  });

  it('refuses, at compile time, a code the contract does not list', () => {
    // @ts-expect-error 'insuficient_funds' is not an error code of the contract, so this must not compile.
    const misspelt = new AppError('insuficient_funds', 'Not enough credit.');
    expect(misspelt.code in errorStatusByCode).toBe(false);
  });
});
