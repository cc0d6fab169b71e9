import type { Clock } from '../../src/platform/clock.util';

/** Real time, plus however far a test has moved it forward. */
export function createTestClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms) {
      offset += ms;
    },
  };
}
