import type { DomainConflict } from '@mobayilo/contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/client';
import { Alert } from '../../shared/ui/alert';
import { Spinner } from '../../shared/ui/button';

/** Domains two companies claim with confirmed addresses: the holder keeps it until an admin decides. */
export function DomainConflictsPanel() {
  const conflicts = useQuery({
    queryKey: ['admin', 'domain-conflicts'],
    queryFn: ({ signal }) =>
      apiRequest<{ items: DomainConflict[] }>('/api/admin/domain-conflicts', { signal }),
  });
  return (
    <section aria-labelledby="domain-conflicts" className="glass flex flex-col gap-3 rounded-3xl p-5">
      <h2 id="domain-conflicts" className="text-lg font-semibold">
        Contested domains
      </h2>
      {conflicts.isPending && <Spinner label="Loading contested domains…" />}
      {conflicts.isError && <Alert tone="error">{conflicts.error.message}</Alert>}
      {conflicts.data?.items.length === 0 && (
        <p className="text-sm text-slate-300">No company is contesting another’s domain.</p>
      )}
      {conflicts.data && conflicts.data.items.length > 0 && (
        <ul className="flex flex-col divide-y divide-white/10 text-sm" aria-label="Contested domains">
          {conflicts.data.items.map((conflict) => (
            <li key={conflict.id} className="py-3">
              <p className="font-medium">{conflict.domain}</p>
              <p className="text-xs text-slate-400">
                Held by {conflict.holder ? conflict.holder.name : 'nobody now'} · asked for by{' '}
                {conflict.claimant.name} ({conflict.claimant.claimedBy}) on{' '}
                {new Date(conflict.createdAt).toLocaleDateString()}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
