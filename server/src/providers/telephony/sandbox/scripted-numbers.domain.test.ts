import { describe, expect, it } from 'vitest';
import { parsePhone } from '../../../platform/phone';
import { calledParty, SANDBOX_NUMBERS } from './scripted-numbers.domain';

describe('the sandbox’s scripted numbers', () => {
  it('are valid numbers, so that the dialer accepts them', () => {
    for (const number of [...Object.values(SANDBOX_NUMBERS), '+12025550130']) {
      expect(parsePhone(number).ok).toBe(true);
    }
  });

  it('give their outcome; every other number answers and stays on the line', () => {
    expect(calledParty(SANDBOX_NUMBERS.busy)).toEqual({ kind: 'busy' });
    expect(calledParty(SANDBOX_NUMBERS.noAnswer)).toEqual({ kind: 'no-answer' });
    expect(calledParty(SANDBOX_NUMBERS.failed)).toEqual({ kind: 'failed' });
    expect(calledParty('+12025550130')).toEqual({ kind: 'answers', hangsUpAfterSeconds: 30 });
    expect(calledParty('+12025550199')).toEqual({ kind: 'answers', hangsUpAfterSeconds: 99 });
    expect(calledParty('+12025550109')).toEqual({ kind: 'answers', hangsUpAfterSeconds: null });
    expect(calledParty('+447400123456')).toEqual({ kind: 'answers', hangsUpAfterSeconds: null });
  });
});
