import { describe, expect, it } from 'vitest';
import {
  CALL_STATUSES,
  canAdvance,
  fromProviderStatus,
  identityFor,
  isFinal,
  membershipFromClient,
} from './call.domain';

describe('the call state machine', () => {
  it('only moves forward: initiated → ringing → in progress → one final status', () => {
    expect(canAdvance('initiated', 'ringing')).toBe(true);
    expect(canAdvance('ringing', 'in_progress')).toBe(true);
    expect(canAdvance('in_progress', 'completed')).toBe(true);
    expect(canAdvance('initiated', 'busy')).toBe(true);
    expect(canAdvance('completed', 'ringing')).toBe(false);
    expect(canAdvance('in_progress', 'ringing')).toBe(false);
    expect(canAdvance('ringing', 'ringing')).toBe(false);
  });

  it('never leaves a final status, not even for another final one', () => {
    const finals = CALL_STATUSES.filter(isFinal);
    expect(finals).toEqual(['completed', 'busy', 'no_answer', 'failed', 'canceled']);
    for (const from of finals) for (const to of CALL_STATUSES) expect(canAdvance(from, to)).toBe(false);
  });

  it('reads Twilio’s statuses in our words', () => {
    expect(fromProviderStatus('queued')).toBe('initiated');
    expect(fromProviderStatus('in-progress')).toBe('in_progress');
    expect(fromProviderStatus('answered')).toBe('in_progress');
    expect(fromProviderStatus('no-answer')).toBe('no_answer');
    expect(fromProviderStatus('canceled')).toBe('canceled');
    expect(fromProviderStatus('something')).toBeNull();
  });

  it('names a browser by its seat, and reads the seat back from the caller', () => {
    const id = '0b7c4f1e-3c9d-4a7e-9f3b-2d1c0e9a8b7c';
    expect(identityFor(id)).toBe(`m_${id}`);
    expect(membershipFromClient(`client:${identityFor(id)}`)).toBe(id);
    expect(membershipFromClient(`client:m_${id.toUpperCase()}`)).toBe(id);
    for (const other of [`m_${id}`, 'client:alice', `client:m_${id}x`, '+12025550100', `client:u_${id}`])
      expect(membershipFromClient(other)).toBeNull();
  });
});
