import { CALL_STATUSES, type CallStatus } from '@mobayilo/contract';

export type { CallStatus } from '@mobayilo/contract';
/** The statuses are the API contract's. */
export { CALL_STATUSES };

export const FINAL_STATUSES = ['completed', 'busy', 'no_answer', 'failed', 'canceled'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];

/**
 * The state machine: a call only moves forward, initiated → ringing → in progress → one final status. The
 * provider's callbacks arrive unordered and sometimes twice, so a status of equal or lower rank than the
 * current one changes nothing (a late "ringing" after "completed"), and the first final status is the last.
 */
export const STATUS_RANK: Record<CallStatus, number> = {
  initiated: 0,
  ringing: 1,
  in_progress: 2,
  completed: 3,
  busy: 3,
  no_answer: 3,
  failed: 3,
  canceled: 3,
};

export function isFinal(status: CallStatus): status is FinalStatus {
  return STATUS_RANK[status] === 3;
}

export function canAdvance(from: CallStatus, to: CallStatus): boolean {
  return STATUS_RANK[to] > STATUS_RANK[from];
}

/** Twilio's spelling of a call status ("in-progress", "no-answer", "queued"…) in ours; null when unknown. */
export function fromProviderStatus(status: string): CallStatus | null {
  switch (status) {
    case 'queued':
    case 'initiated':
      return 'initiated';
    case 'ringing':
      return 'ringing';
    case 'in-progress':
    case 'answered':
      return 'in_progress';
    case 'completed':
      return 'completed';
    case 'busy':
      return 'busy';
    case 'no-answer':
      return 'no_answer';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
    default:
      return null;
  }
}

/** The identity a browser's access token carries: the membership (seat), never an email address. */
export function identityFor(membershipId: string): string {
  return `m_${membershipId}`;
}

/** The membership behind `From=client:m_<id>`; null for anything else. */
export function membershipFromClient(from: string): string | null {
  const match = /^client:m_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(from);
  return match?.[1]?.toLowerCase() ?? null;
}
