import type { AdminAccount } from '@mobayilo/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { apiRequest } from '../../shared/api/client';
import { useMe } from '../../shared/api/me';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { Logo } from '../../shared/ui/logo';
import { AccountMembers } from './account-members';
import { AccountStatusPanel } from './account-status-panel';
import { AccountWalletPanel } from './account-wallet-panel';
import { AuditLog } from './audit-log';
import { CallsAdmin } from './calls-admin';
import { DomainConflictsPanel } from './domain-conflicts-panel';
import { RatesAdmin } from './rates-admin';
import { ReconciliationPanel } from './reconciliation-panel';
import { SubscribersAdmin } from './subscribers-admin';
import { UsersAdmin } from './users-admin';

type Page = { items: AdminAccount[]; nextCursor: string | null };

function useAccounts(q: string) {
  return useInfiniteQuery({
    queryKey: ['admin', 'accounts', q],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: '25' });
      if (q) params.set('q', q);
      if (pageParam) params.set('cursor', pageParam);
      return apiRequest<Page>(`/api/admin/accounts?${params}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

function AccountRow({ account }: { account: AdminAccount }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="glass rounded-2xl px-4 py-3 text-sm">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium">
            {account.name}{' '}
            <span className="text-xs text-slate-400">
              {account.kind} · {account.status}
            </span>
          </p>
          <p className="text-xs text-slate-400">
            {account.ownerEmails.join(', ') || 'no owner'} · created{' '}
            {new Date(account.createdAt).toLocaleDateString()} ·{' '}
            <span className="font-mono">{account.id}</span>
          </p>
        </div>
        <Button variant="ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Close' : 'Manage'}
        </Button>
      </div>
      {open && (
        <>
          <AccountWalletPanel accountId={account.id} />
          <AccountStatusPanel account={account} />
          <AccountMembers accountId={account.id} />
        </>
      )}
    </li>
  );
}

/** The platform administrators' console: find any account. */
export function AdminPage() {
  const me = useMe();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const accounts = useAccounts(search);
  useEffect(() => {
    document.title = 'Admin · Mobayilo';
  }, []);

  if (me.data && me.data.user.role !== 'admin') {
    return (
      <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 px-5">
        <Alert tone="error">This console is for Mobayilo administrators.</Alert>
        <Link to="/dial" className="text-brand-300 underline">
          Back to the dialer
        </Link>
      </main>
    );
  }

  return (
    <div className="mx-auto flex min-h-dvh max-w-4xl flex-col gap-6 px-5 py-6">
      <header className="flex items-center justify-between">
        <Link to="/dial" aria-label="Back to the app">
          <Logo />
        </Link>
        <span className="text-sm text-slate-400">Admin</span>
      </header>
      <h1 className="text-2xl font-semibold">Administration</h1>
      <ReconciliationPanel />
      <DomainConflictsPanel />
      <RatesAdmin />
      <SubscribersAdmin />
      <h2 className="text-lg font-semibold">Accounts</h2>
      <form
        className="flex items-end gap-3"
        aria-label="Search accounts"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(query.trim());
        }}
      >
        <Field
          className="flex-1"
          label="Search by name, email or account id"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <Button type="submit">Search</Button>
      </form>
      {accounts.isPending && <Spinner label="Loading accounts…" />}
      {accounts.isError && <Alert tone="error">{accounts.error.message}</Alert>}
      {accounts.data && accounts.data.pages[0]?.items.length === 0 && (
        <p className="text-slate-300">No accounts match.</p>
      )}
      <ul className="flex flex-col gap-2">
        {accounts.data?.pages.flatMap((page) =>
          page.items.map((account) => <AccountRow key={account.id} account={account} />),
        )}
      </ul>
      {accounts.hasNextPage && (
        <Button
          variant="secondary"
          busy={accounts.isFetchingNextPage}
          onClick={() => accounts.fetchNextPage()}
        >
          Load more
        </Button>
      )}
      <UsersAdmin />
      <CallsAdmin />
      <AuditLog />
    </div>
  );
}
