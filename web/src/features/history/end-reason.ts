import type { CallItem } from '@mobayilo/contract';

/**
 * Why a call ended, in words. Whether the caller or the other side hung up an answered call is known only to
 * the page that held the call (`hungUpByYou`); elsewhere an answered call simply "ended".
 */
export function endReason(status: CallItem['status'], hungUpByYou?: boolean): string {
  switch (status) {
    case 'busy':
      return 'The line was busy';
    case 'no_answer':
      return 'No answer after 30 seconds';
    case 'failed':
      return 'The number could not be reached';
    case 'canceled':
      return 'You hung up before they answered';
    case 'completed':
      if (hungUpByYou === undefined) return 'Call ended';
      return hungUpByYou ? 'You hung up' : 'The other side hung up';
    default:
      return 'Call in progress';
  }
}

/** "Nothing was charged" or "Cost $0.02", once the call is settled. */
export function costWords(costCents: number | null, format: (cents: number) => string): string {
  if (costCents === null) return 'Working out the cost…';
  return costCents === 0 ? 'Nothing was charged' : `Cost ${format(costCents)}`;
}
