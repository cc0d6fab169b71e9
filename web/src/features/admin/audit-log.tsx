import type { AuditEntry, AuditList } from '@mobayilo/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest } from '../../shared/api/client';
import { formatCents } from '../../shared/lib/money';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';

function useAudit(q: string) {
  return useInfiniteQuery({
    queryKey: ['admin', 'audit', q],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: '25' });
      if (q) params.set('q', q);
      if (pageParam) params.set('cursor', pageParam);
      return apiRequest<AuditList>(`/api/admin/audit?${params}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One line of what changed: an amount, or a status before and after. */
function summary(entry: AuditEntry): string | null {
  const { details } = entry;
  if (typeof details.amountCents === 'number') {
    const after = typeof details.balanceAfterCents === 'number' ? details.balanceAfterCents : null;
    return `${formatCents(details.amountCents, { signed: true })}${after === null ? '' : ` → balance ${formatCents(after)}`}`;
  }
  if (typeof details.statusBefore === 'string' && typeof details.statusAfter === 'string')
    return `${details.statusBefore} → ${details.statusAfter}`;
  return typeof details.email === 'string' ? details.email : null;
}

/** Every admin action, newest first; read-only. */
export function AuditLog() {
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const audit = useAudit(search);
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="audit-heading" className="flex flex-col gap-3">
      <h2 id="audit-heading" className="text-lg font-semibold">
        Audit log
      </h2>
      <form
        className="flex items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(query.trim());
        }}
      >
        <Field
          className="flex-1"
          label="Search by action, account id, reason or admin"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <Button type="submit">Search log</Button>
      </form>
      {audit.isPending && <Spinner label="Loading the audit log…" />}
      {audit.isError && <Alert tone="error">{audit.error.message}</Alert>}
      {audit.data && entries.length === 0 && <p className="text-slate-300">No admin actions match.</p>}
      <ul className="flex flex-col gap-2" aria-label="Admin actions">
        {entries.map((entry) => (
          <li key={entry.id} className="glass rounded-2xl px-4 py-3 text-sm">
            <p className="flex flex-wrap justify-between gap-2">
              <span className="font-medium">{entry.action}</span>
              <time className="text-xs text-slate-400" dateTime={entry.createdAt}>
                {new Date(entry.createdAt).toLocaleString()}
              </time>
            </p>
            {summary(entry) && <p>{summary(entry)}</p>}
            {entry.reason && <p className="text-slate-300">“{entry.reason}”</p>}
            <p className="break-all text-xs text-slate-400">
              by {entry.actor.email} · <span className="font-mono">{entry.target}</span>
            </p>
          </li>
        ))}
      </ul>
      {audit.hasNextPage && (
        <Button variant="secondary" busy={audit.isFetchingNextPage} onClick={() => audit.fetchNextPage()}>
          Load more
        </Button>
      )}
    </section>
  );
}
