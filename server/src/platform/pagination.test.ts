import { describe, expect, it } from 'vitest';
import { isAppError } from './errors/app.errors';
import { decodeCursor, encodeCursor } from './pagination.util';

const id = '3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b';
const crafted = (text: string) => Buffer.from(text).toString('base64url');

function refusal(cursor: string) {
  try {
    decodeCursor(cursor);
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${cursor} to be refused`);
}

describe('decodeCursor', () => {
  it('reads back what encodeCursor wrote', () => {
    const position = { at: new Date('2026-03-01T10:20:30.456Z'), id };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('refuses crafted cursors with validation_failed', () => {
    for (const text of [
      "2020-01-01T00:00:00Z|' OR 1=1--",
      `+275760-09-13T00:00:00.000Z|${id}`,
      `0000-01-01T00:00:00.000Z|${id}`,
      `2020-02-30T00:00:00.000Z|${id}`,
      `2020-01-01T00:00:00.000Z|${id}|x`,
      `2020-01-01T00:00:00.000Z|${id.toUpperCase()}\u0000`,
      '',
    ]) {
      const error = refusal(crafted(text));
      expect(isAppError(error) && error.code).toBe('validation_failed');
    }
    expect(isAppError(refusal('%%%')) && 'refused').toBe('refused');
  });
});
