import type { AdminUser, AdminUserList } from '@mobayilo/contract';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest } from '../../shared/api/client';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { ConfirmButton } from './confirm-button';

function useUsers(q: string) {
  return useInfiniteQuery({
    queryKey: ['admin', 'users', q],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: '25' });
      if (q) params.set('q', q);
      if (pageParam) params.set('cursor', pageParam);
      return apiRequest<AdminUserList>(`/api/admin/users?${params}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
    enabled: q.length > 0,
  });
}

/** One person: email a sign-in link, or sign them out everywhere with a reason. */
function UserRow({ user }: { user: AdminUser }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const audited = () => void queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] });
  const link = useFormSubmit(
    () => apiRequest(`/api/admin/users/${user.id}/sign-in-link`, { method: 'POST', body: {} }),
    () => {
      setDone(`A sign-in link is on its way to ${user.email}.`);
      audited();
    },
  );
  const end = useFormSubmit(
    () =>
      apiRequest<{ ended: number }>(`/api/admin/users/${user.id}/sessions/end`, {
        method: 'POST',
        body: { reason },
      }),
    (result) => {
      setDone(`${result.ended} session${result.ended === 1 ? '' : 's'} ended.`);
      setReason('');
      audited();
    },
  );
  const error = link.error ?? end.error;
  return (
    <li className="glass flex flex-col gap-2 rounded-2xl px-4 py-3 text-sm">
      <p className="break-all font-medium">{user.email}</p>
      <p className="text-xs text-slate-400">
        {user.account
          ? `${user.account.role} of ${user.account.name} (${user.account.status})`
          : 'no account'}{' '}
        · joined {new Date(user.createdAt).toLocaleDateString()} · last signed in{' '}
        {user.lastSignInAt ? new Date(user.lastSignInAt).toLocaleDateString() : 'never'}
      </p>
      <form className="flex flex-col gap-2" onSubmit={(event) => event.preventDefault()} noValidate>
        <Field
          label="Reason for signing them out"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={end.fieldErrors.reason}
        />
        <div className="flex flex-wrap gap-2">
          <ConfirmButton
            label="Email a sign-in link"
            question={`Email ${user.email} a sign-in link?`}
            confirmLabel="Send link"
            busy={link.busy}
            onConfirm={() => link.run()}
          />
          <ConfirmButton
            label="End all sessions"
            question={`Sign ${user.email} out everywhere?`}
            confirmLabel="End sessions"
            variant="danger"
            busy={end.busy}
            disabled={reason.trim().length < 3}
            onConfirm={() => end.run()}
          />
        </div>
      </form>
      {error && <Alert tone="error">{error.message}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
    </li>
  );
}

/** Find people by email, email domain or company name. */
export function UsersAdmin() {
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const users = useUsers(search);
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="users-heading" className="flex flex-col gap-3">
      <h2 id="users-heading" className="text-lg font-semibold">
        People
      </h2>
      <form
        className="flex items-end gap-3"
        aria-label="Search people"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(query.trim());
        }}
      >
        <Field
          className="flex-1"
          label="Search by email, domain or company"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <Button type="submit">Find</Button>
      </form>
      {search && users.isPending && <Spinner label="Loading people…" />}
      {users.isError && <Alert tone="error">{users.error.message}</Alert>}
      {users.data && items.length === 0 && <p className="text-slate-300">Nobody matches.</p>}
      <ul className="flex flex-col gap-2" aria-label="People">
        {items.map((user) => (
          <UserRow key={user.id} user={user} />
        ))}
      </ul>
      {users.hasNextPage && (
        <Button variant="secondary" busy={users.isFetchingNextPage} onClick={() => users.fetchNextPage()}>
          Load more
        </Button>
      )}
    </section>
  );
}
