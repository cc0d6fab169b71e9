import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router';
import { Logo } from '../../shared/ui/logo';
import { SandboxBadge } from '../../shared/ui/sandbox-badge';

/** The frame of every sign-in page: brand, one card, and a way home. */
export function AuthLayout({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Mobayilo`;
  }, [title]);
  return (
    <div className="mx-auto flex min-h-dvh max-w-md flex-col px-5 py-6">
      <header className="flex items-center justify-between">
        <Link to="/" aria-label="Mobayilo home">
          <Logo />
        </Link>
        <SandboxBadge />
      </header>
      <main className="flex flex-1 flex-col justify-center py-10">
        <div className="glass rounded-3xl p-6 sm:p-8">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          {subtitle && <p className="mt-1 text-sm text-slate-300">{subtitle}</p>}
          <div className="mt-6">{children}</div>
        </div>
      </main>
    </div>
  );
}

/** Where to go after signing in: the page that sent the person to sign in, if it is one of ours. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/dial';
}
