/**
 * What the sandbox's called party does, by number. US fictional numbers (555-01xx in area code 202) give
 * scripted outcomes; every other valid number answers and stays on the line until someone hangs up or the
 * time limit ends the call. docs/SETUP.md lists them.
 */
export const SANDBOX_NUMBERS = {
  /** Always busy. */
  busy: '+12025550101',
  /** Rings until the dial timeout: no answer. */
  noAnswer: '+12025550102',
  /** The call cannot be placed: failed. */
  failed: '+12025550103',
} as const;

/** +1 202 555 01NN with NN from 10 to 99 answers and hangs up after NN seconds. */
const hangsUpAfter = /^\+120255501([1-9]\d)$/;

export type CalledParty =
  | { kind: 'busy' }
  | { kind: 'no-answer' }
  | { kind: 'failed' }
  | { kind: 'answers'; hangsUpAfterSeconds: number | null };

export function calledParty(e164: string): CalledParty {
  if (e164 === SANDBOX_NUMBERS.busy) return { kind: 'busy' };
  if (e164 === SANDBOX_NUMBERS.noAnswer) return { kind: 'no-answer' };
  if (e164 === SANDBOX_NUMBERS.failed) return { kind: 'failed' };
  const seconds = hangsUpAfter.exec(e164)?.[1];
  return { kind: 'answers', hangsUpAfterSeconds: seconds ? Number(seconds) : null };
}
