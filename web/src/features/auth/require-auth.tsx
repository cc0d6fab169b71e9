import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../../shared/api/me';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';

/** Shows its children to signed-in people; everyone else goes to sign in and comes back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <div className="grid min-h-dvh place-items-center text-slate-300">
        <Spinner label="Loading…" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center gap-4 px-5">
        <Alert tone="error">{me.error.message}</Alert>
        <Button onClick={() => me.refetch()}>Try again</Button>
      </div>
    );
  }
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?next=${next}`} replace />;
  }
  return children;
}
