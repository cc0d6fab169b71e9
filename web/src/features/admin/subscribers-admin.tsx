import type { Subscriber, SubscriberStatus } from '@mobayilo/contract';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { marketingApi, type SubscriberFilter } from '../marketing/api';
import { ConfirmButton } from './confirm-button';

const statuses: { value: SubscriberStatus | ''; label: string }[] = [
  { value: '', label: 'Everyone' },
  { value: 'waiting', label: 'Waiting' },
  { value: 'invited', label: 'Invited' },
  { value: 'joined', label: 'Joined' },
];

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : null);

function useSubscribers(filter: SubscriberFilter) {
  return useInfiniteQuery({
    queryKey: ['admin', 'subscribers', filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => marketingApi.list(filter, pageParam, signal),
    getNextPageParam: (last) => last.nextCursor,
  });
}

function SubscriberRow(props: {
  subscriber: Subscriber;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onChanged: (message: string) => void;
}) {
  const { subscriber } = props;
  const invite = useFormSubmit(
    () => marketingApi.invite(subscriber.id),
    () => props.onChanged(`Invitation sent to ${subscriber.email}.`),
  );
  const remove = useFormSubmit(
    () => marketingApi.remove(subscriber.id),
    () => props.onChanged(`${subscriber.email} removed from the list.`),
  );
  const error = invite.error ?? remove.error;
  const dates = [
    `joined the list ${day(subscriber.createdAt)}`,
    subscriber.invitedAt && `invited ${day(subscriber.invitedAt)}`,
    subscriber.joinedAt && `signed up ${day(subscriber.joinedAt)}`,
  ].filter(Boolean);
  return (
    <li className="glass flex flex-col gap-2 rounded-2xl px-4 py-3 text-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <label className="flex min-w-0 items-start gap-3">
          <input
            type="checkbox"
            className="mt-1 size-4 accent-emerald-400"
            checked={props.selected}
            disabled={subscriber.status === 'joined'}
            onChange={(event) => props.onSelect(event.target.checked)}
            aria-label={`Select ${subscriber.email}`}
          />
          <span className="min-w-0">
            <span className="block break-all font-medium">{subscriber.email}</span>
            <span className="block text-xs text-slate-400">
              {subscriber.status} · from {subscriber.source} · {dates.join(' · ')}
            </span>
          </span>
        </label>
        <div className="flex flex-wrap gap-2">
          {subscriber.status !== 'joined' && (
            <ConfirmButton
              label={subscriber.status === 'invited' ? 'Invite again' : 'Invite'}
              question={`Email ${subscriber.email} an invitation?`}
              confirmLabel="Send invitation"
              busy={invite.busy}
              onConfirm={() => invite.run()}
            />
          )}
          <ConfirmButton
            label="Delete"
            question={`Remove ${subscriber.email} from the list?`}
            confirmLabel="Delete"
            variant="ghost"
            busy={remove.busy}
            onConfirm={() => remove.run()}
          />
        </div>
      </div>
      {error && <Alert tone="error">{error.message}</Alert>}
    </li>
  );
}

/** The waitlist: search, filter, invite one or many, export, delete. */
export function SubscribersAdmin() {
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<SubscriberFilter>({ q: '', status: 'waiting' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const subscribers = useSubscribers(filter);
  const queryClient = useQueryClient();

  function changed(message: string) {
    setNotice(message);
    setSelected(new Set());
    void queryClient.invalidateQueries({ queryKey: ['admin', 'subscribers'] });
  }
  const inviteMany = useFormSubmit(
    () => marketingApi.inviteMany([...selected]),
    ({ items }) => changed(`${items.length} ${items.length === 1 ? 'invitation' : 'invitations'} sent.`),
  );
  const items = subscribers.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="subscribers-admin" className="glass flex flex-col gap-4 rounded-3xl p-5">
      <h2 id="subscribers-admin" className="text-lg font-semibold">
        Waitlist
      </h2>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          setSelected(new Set());
          setFilter({ ...filter, q: query.trim() });
        }}
      >
        <Field
          className="min-w-48 flex-1"
          label="Search by address or source"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <div className="flex flex-col gap-1.5">
          <label htmlFor="subscriber-status" className="text-sm font-medium text-slate-200">
            Status
          </label>
          <select
            id="subscriber-status"
            value={filter.status}
            onChange={(event) => {
              setSelected(new Set());
              setFilter({ ...filter, status: event.target.value as SubscriberFilter['status'] });
            }}
            className="min-h-12 rounded-2xl border border-white/15 bg-ink-800 px-3 text-sm"
          >
            {statuses.map((status) => (
              <option key={status.value} value={status.value}>
                {status.label}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit">Search</Button>
        <a
          href={marketingApi.csvUrl(filter)}
          download
          className="inline-flex min-h-11 items-center rounded-2xl px-4 text-sm font-semibold text-slate-200 hover:bg-white/10"
        >
          Export CSV
        </a>
      </form>
      {notice && <Alert tone="success">{notice}</Alert>}
      {inviteMany.error && <Alert tone="error">{inviteMany.error.message}</Alert>}
      <div className="flex flex-wrap items-center gap-3">
        <ConfirmButton
          label={`Invite selected (${selected.size})`}
          question={`Email ${selected.size} ${selected.size === 1 ? 'person' : 'people'} an invitation?`}
          confirmLabel="Send invitations"
          disabled={selected.size === 0}
          busy={inviteMany.busy}
          onConfirm={() => inviteMany.run()}
        />
      </div>
      {subscribers.isPending && <Spinner label="Loading the waitlist…" />}
      {subscribers.isError && <Alert tone="error">{subscribers.error.message}</Alert>}
      {subscribers.data && items.length === 0 && (
        <p className="text-slate-300">Nobody on the list matches.</p>
      )}
      <ul className="flex flex-col gap-2" aria-label="Subscribers">
        {items.map((subscriber) => (
          <SubscriberRow
            key={subscriber.id}
            subscriber={subscriber}
            selected={selected.has(subscriber.id)}
            onSelect={(on) => {
              const next = new Set(selected);
              if (on) next.add(subscriber.id);
              else next.delete(subscriber.id);
              setSelected(next);
            }}
            onChanged={changed}
          />
        ))}
      </ul>
      {subscribers.hasNextPage && (
        <Button
          variant="secondary"
          busy={subscribers.isFetchingNextPage}
          onClick={() => subscribers.fetchNextPage()}
        >
          Load more
        </Button>
      )}
    </section>
  );
}
