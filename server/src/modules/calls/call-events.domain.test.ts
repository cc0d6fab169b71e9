import { describe, expect, it } from 'vitest';
import { changeFromEvent, dialActionEvent, statusEvent } from './call-events.domain';

const parent = `CA${'a'.repeat(32)}`;
const child = `CA${'b'.repeat(32)}`;
const receivedAt = new Date('2026-05-01T10:00:05Z');

describe('provider events', () => {
  it('keys a status by its leg and status, so that a retry of the same callback is the same event', () => {
    const params = { CallSid: child, ParentCallSid: parent, CallStatus: 'completed' };
    expect(statusEvent(params).eventKey).toBe(`call-status:${child}:completed`);
    expect(statusEvent({ ...params, CallStatus: 'ringing' }).eventKey).not.toBe(statusEvent(params).eventKey);
    expect(dialActionEvent({ CallSid: parent, DialCallStatus: 'busy' }).eventKey).toBe(`call-dial:${parent}`);
  });

  it('reads a status callback of the dialed leg as a change of the browser’s call', () => {
    const change = changeFromEvent({
      type: 'call.status',
      receivedAt,
      payload: {
        CallSid: child,
        ParentCallSid: parent,
        CallStatus: 'completed',
        CallDuration: '61',
        Timestamp: 'Fri, 01 May 2026 10:00:03 +0000',
      },
    });
    expect(change).toEqual({
      callSid: parent,
      childCallSid: child,
      status: 'completed',
      durationSeconds: 61,
      at: new Date('2026-05-01T10:00:03Z'),
    });
  });

  it('reads a Dial action as the final status of the call', () => {
    expect(
      changeFromEvent({
        type: 'call.dial',
        receivedAt,
        payload: { CallSid: parent, DialCallSid: child, DialCallStatus: 'no-answer', DialCallDuration: '0' },
      }),
    ).toEqual({
      callSid: parent,
      childCallSid: child,
      status: 'no_answer',
      durationSeconds: 0,
      at: receivedAt,
    });
  });

  it('finds nothing to apply in what it does not track', () => {
    expect(
      changeFromEvent({ type: 'call.status', receivedAt, payload: { CallSid: child, CallStatus: 'x' } }),
    ).toBeNull();
    expect(
      changeFromEvent({
        type: 'call.dial',
        receivedAt,
        payload: { CallSid: parent, DialCallStatus: 'answered' },
      }),
    ).toBeNull();
    expect(changeFromEvent({ type: 'other', receivedAt, payload: {} })).toBeNull();
  });
});
