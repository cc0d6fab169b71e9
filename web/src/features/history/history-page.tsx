import type { CallItem } from '@mobayilo/contract';
import { useRef } from 'react';
import { formatCents, formatRate } from '../../shared/lib/money';
import { useInfiniteScroll } from '../../shared/lib/use-infinite-scroll';
import { Alert } from '../../shared/ui/alert';
import { Button, ButtonLink, Spinner } from '../../shared/ui/button';
import { EmptyState } from '../../shared/ui/empty-state';
import { HistoryIcon } from '../../shared/ui/icons';
import { flagOf, formatDuration, formatInternational } from '../dial/dial-format';
import { PageTitle } from '../shell/page-title';
import { useCallHistory } from './api';
import { endReason } from './end-reason';

const statusLabels: Record<CallItem['status'], string> = {
  initiated: 'Connecting',
  ringing: 'Ringing',
  in_progress: 'In progress',
  completed: 'Completed',
  busy: 'Busy',
  no_answer: 'No answer',
  failed: 'Failed',
  canceled: 'Canceled',
};

/** Calls that ended unanswered say why, as the dialer did. */
const endedWithoutAnswer = { busy: true, no_answer: true, failed: true, canceled: true };

function CallRow({ call }: { call: CallItem }) {
  const answered = call.status === 'completed';
  return (
    <li className="flex items-start gap-3 py-3" data-testid="call">
      <span className="pt-0.5 text-xl" aria-hidden="true">
        {call.country ? flagOf(call.country) : '🌐'}
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium">{formatInternational(call.to)}</p>
        <p className="truncate text-xs text-slate-400">
          {call.destination} ·{' '}
          <time dateTime={call.startedAt}>{new Date(call.startedAt).toLocaleString()}</time>
        </p>
        <p className="text-xs text-slate-400">
          <span className={answered ? 'text-brand-300' : 'text-amber-200'}>
            {answered || !(call.status in endedWithoutAnswer)
              ? statusLabels[call.status]
              : endReason(call.status)}
          </span>
          {call.durationSeconds !== null && answered && <> · {formatDuration(call.durationSeconds)}</>}
          {call.billedMinutes !== null && answered && (
            <>
              {' '}
              · {call.billedMinutes} min billed at {formatRate(call.rateMicros)}/min
            </>
          )}
        </p>
        {call.seat && <p className="truncate text-xs text-slate-500">Placed by {call.seat.email}</p>}
      </div>
      <div className="flex shrink-0 flex-col items-end gap-1">
        <p className="text-sm font-semibold" data-testid="call-cost">
          {call.costCents === null ? '…' : formatCents(call.costCents)}
        </p>
        <ButtonLink
          variant="ghost"
          to={`/dial?to=${encodeURIComponent(call.to)}`}
          className="min-h-9 px-3 py-1 text-xs"
          aria-label={`Call ${formatInternational(call.to)} again`}
        >
          Call again
        </ButtonLink>
      </div>
    </li>
  );
}

/** Every call, newest first, with what it cost; more load as the list scrolls. */
export function HistoryPage() {
  const history = useCallHistory();
  const sentinel = useRef<HTMLDivElement>(null);
  useInfiniteScroll(sentinel, history);
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];

  if (history.isSuccess && items.length === 0) {
    return (
      <>
        <PageTitle>History</PageTitle>
        <EmptyState
          icon={<HistoryIcon className="size-7" />}
          title="No calls yet"
          action={<ButtonLink to="/dial">Make a call</ButtonLink>}
        >
          Every call you place shows up here with its duration and exact cost.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageTitle>History</PageTitle>
      {history.isPending && <Spinner label="Loading calls…" />}
      {history.isError && <Alert tone="error">{history.error.message}</Alert>}
      {items.length > 0 && (
        <ul className="glass divide-y divide-white/10 rounded-3xl px-4" aria-label="Calls">
          {items.map((call) => (
            <CallRow key={call.id} call={call} />
          ))}
        </ul>
      )}
      <div ref={sentinel} />
      {history.hasNextPage && (
        <Button
          variant="ghost"
          className="mt-2 w-full"
          busy={history.isFetchingNextPage}
          onClick={() => history.fetchNextPage()}
        >
          Show older calls
        </Button>
      )}
    </>
  );
}
