import type { AdminCall, AdminCallDetail, AdminCallList, CallStatus } from '@mobayilo/contract';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest } from '../../shared/api/client';
import { formatCents } from '../../shared/lib/money';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';

const statuses: (CallStatus | '')[] = [
  '',
  'initiated',
  'ringing',
  'in_progress',
  'completed',
  'busy',
  'no_answer',
  'failed',
  'canceled',
];

type Filter = { q: string; status: CallStatus | '' };

function useCalls(filter: Filter) {
  return useInfiniteQuery({
    queryKey: ['admin', 'calls', filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: '25' });
      if (filter.q) params.set('q', filter.q);
      if (filter.status) params.set('status', filter.status);
      if (pageParam) params.set('cursor', pageParam);
      return apiRequest<AdminCallList>(`/api/admin/calls?${params}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

function CallDetail({ id }: { id: string }) {
  const detail = useQuery({
    queryKey: ['admin', 'call', id],
    queryFn: ({ signal }) => apiRequest<AdminCallDetail>(`/api/admin/calls/${id}`, { signal }),
  });
  if (detail.isPending) return <Spinner label="Loading the call…" />;
  if (detail.isError) return <Alert tone="error">{detail.error.message}</Alert>;
  return (
    <div className="mt-2 flex flex-col gap-2 rounded-2xl bg-white/5 p-3 text-xs">
      <ol className="flex flex-col gap-1" aria-label="Timeline">
        {detail.data.timeline.map((step) => (
          <li key={`${step.at}-${step.what}`}>
            <time dateTime={step.at}>{new Date(step.at).toLocaleTimeString()}</time> · {step.what}
          </li>
        ))}
      </ol>
      <ul className="flex flex-col gap-1 text-slate-400" aria-label="Provider events">
        {detail.data.events.map((event) => (
          <li key={event.id} className="break-all">
            {event.type} · {event.status}
            {event.outcome ? ` (${event.outcome})` : ''} · {event.eventKey}
          </li>
        ))}
        {detail.data.events.length === 0 && <li>No provider events yet.</li>}
      </ul>
    </div>
  );
}

function CallRow({ call }: { call: AdminCall }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="glass rounded-2xl px-4 py-3 text-sm">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium">
            {call.to} <span className="text-xs text-slate-400">{call.status.replace('_', ' ')}</span>
          </p>
          <p className="break-all text-xs text-slate-400">
            {new Date(call.startedAt).toLocaleString()} · {call.destination} ·{' '}
            {call.costCents === null ? 'not settled' : formatCents(call.costCents)} ·{' '}
            <span className="font-mono">{call.callSid}</span>
          </p>
        </div>
        <Button variant="ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Close' : 'Details'}
        </Button>
      </div>
      {open && <CallDetail id={call.id} />}
    </li>
  );
}

/** Every account's calls: search by number, CallSid or account id; filter by status. */
export function CallsAdmin() {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<CallStatus | ''>('');
  const [filter, setFilter] = useState<Filter>({ q: '', status: '' });
  const calls = useCalls(filter);
  const items = calls.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="calls-heading" className="flex flex-col gap-3">
      <h2 id="calls-heading" className="text-lg font-semibold">
        Calls
      </h2>
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label="Search calls"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter({ q: query.trim(), status });
        }}
      >
        <Field
          className="min-w-48 flex-1"
          label="Number, CallSid or account id"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <div className="flex flex-col gap-1.5">
          <label htmlFor="call-status" className="text-sm font-medium text-slate-200">
            Status
          </label>
          <select
            id="call-status"
            className="min-h-12 rounded-2xl border border-white/15 bg-ink-800 px-3 text-sm"
            value={status}
            onChange={(event) => setStatus(event.target.value as CallStatus | '')}
          >
            {statuses.map((value) => (
              <option key={value} value={value}>
                {value ? value.replace('_', ' ') : 'Any'}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit">Find calls</Button>
      </form>
      {calls.isPending && <Spinner label="Loading calls…" />}
      {calls.isError && <Alert tone="error">{calls.error.message}</Alert>}
      {calls.data && items.length === 0 && <p className="text-slate-300">No calls match.</p>}
      <ul className="flex flex-col gap-2" aria-label="Calls">
        {items.map((call) => (
          <CallRow key={call.id} call={call} />
        ))}
      </ul>
      {calls.hasNextPage && (
        <Button variant="secondary" busy={calls.isFetchingNextPage} onClick={() => calls.fetchNextPage()}>
          Load more
        </Button>
      )}
    </section>
  );
}
