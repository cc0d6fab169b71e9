import type { DevMailResponse } from '@mobayilo/contract';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { apiRequest } from '../../shared/api/client';
import { Alert } from '../../shared/ui/alert';
import { Spinner } from '../../shared/ui/button';
import { Logo } from '../../shared/ui/logo';

/** The local outbox: every email the server sent, for development and demos without SMTP. */
export function DevMailPage() {
  const mail = useQuery({
    queryKey: ['dev', 'mail'],
    queryFn: ({ signal }) => apiRequest<DevMailResponse>('/api/dev/mail', { signal }),
    refetchInterval: 2000,
  });
  useEffect(() => {
    document.title = 'Local outbox · Mobayilo';
  }, []);
  return (
    <div className="mx-auto flex min-h-dvh max-w-2xl flex-col gap-5 px-5 py-6">
      <header className="flex items-center justify-between">
        <Link to="/" aria-label="Mobayilo home">
          <Logo />
        </Link>
        <span className="text-sm text-slate-400">Development</span>
      </header>
      <h1 className="text-2xl font-semibold">Local outbox</h1>
      <p className="text-sm text-slate-300">
        Without SMTP, mail stays here. Newest first; this page refreshes by itself.
      </p>
      {mail.isPending && <Spinner label="Loading mail…" />}
      {mail.isError && <Alert tone="error">{mail.error.message}</Alert>}
      {mail.data?.items.length === 0 && <p className="text-slate-300">No mail yet.</p>}
      <ul className="flex flex-col gap-3" aria-label="Mail">
        {mail.data?.items.map((item) => {
          const link = item.text.match(
            /https?:\/\/\S+\/(?:(?:magic|reset|confirm)\/[A-Za-z0-9_-]+|signup\?\S+)/,
          )?.[0];
          return (
            <li key={item.id} className="glass rounded-2xl p-4">
              <p className="text-xs text-slate-400">
                To <span className="text-slate-200">{item.to}</span> ·{' '}
                {new Date(item.createdAt).toLocaleTimeString()} · {item.status}
              </p>
              <h2 className="mt-1 font-semibold">{item.subject}</h2>
              {link && (
                <a
                  href={link}
                  className="mt-2 inline-block break-all text-sm font-medium text-brand-300 underline"
                >
                  {link}
                </a>
              )}
              <details className="mt-2 text-sm text-slate-300">
                <summary className="cursor-pointer text-slate-400">Full text</summary>
                <pre className="mt-2 whitespace-pre-wrap font-sans">{item.text}</pre>
              </details>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
