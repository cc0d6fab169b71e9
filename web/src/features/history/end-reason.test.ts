import { describe, expect, it } from 'vitest';
import { costWords, endReason } from './end-reason';

describe('endReason', () => {
  it('says why a call ended in words', () => {
    expect(endReason('busy')).toBe('The line was busy');
    expect(endReason('no_answer')).toBe('No answer after 30 seconds');
    expect(endReason('failed')).toBe('The number could not be reached');
    expect(endReason('canceled')).toBe('You hung up before they answered');
    expect(endReason('completed', true)).toBe('You hung up');
    expect(endReason('completed', false)).toBe('The other side hung up');
    expect(endReason('completed')).toBe('Call ended');
  });

  it('says what the call cost, or that nothing was charged', () => {
    const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
    expect(costWords(0, dollars)).toBe('Nothing was charged');
    expect(costWords(2, dollars)).toBe('Cost $0.02');
    expect(costWords(null, dollars)).toBe('Working out the cost…');
  });
});
