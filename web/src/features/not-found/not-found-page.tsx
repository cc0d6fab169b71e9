import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { ButtonLink } from '../../shared/ui/button';
import { Logo } from '../../shared/ui/logo';

export function NotFoundPage() {
  const location = useLocation();
  useEffect(() => {
    document.title = 'Page not found · Mobayilo';
  }, []);
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-6 px-6 text-center">
      <Logo />
      <p className="bg-gradient-to-br from-brand-300 to-accent-400 bg-clip-text text-7xl font-bold text-transparent">
        404
      </p>
      <h1 className="text-2xl font-semibold">This number isn’t in service</h1>
      <p className="text-slate-300">
        There is no page at{' '}
        <code className="rounded bg-white/10 px-1.5 py-0.5 text-sm">{location.pathname}</code>. Check the
        address, or head back home.
      </p>
      <div className="flex gap-3">
        <ButtonLink to="/">Go home</ButtonLink>
        <ButtonLink to="/dial" variant="secondary">
          Open dialer
        </ButtonLink>
      </div>
    </main>
  );
}
