import type { ReconciliationsResponse } from '@mobayilo/contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/client';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';

/** The ledger's reconciliation runs: whether the books balance, and what did not. */
export function ReconciliationPanel() {
  const runs = useQuery({
    queryKey: ['admin', 'reconciliations'],
    queryFn: ({ signal }) =>
      apiRequest<ReconciliationsResponse>('/api/admin/ledger/reconciliations', { signal }),
    refetchInterval: 5000,
  });
  const run = useFormSubmit(() => apiRequest('/api/admin/ledger/reconcile', { method: 'POST' }));
  const latest = runs.data?.items[0];
  return (
    <section aria-labelledby="books" className="glass flex flex-col gap-3 rounded-3xl p-5">
      <h2 id="books" className="text-lg font-semibold">
        Books
      </h2>
      {runs.isPending && <Spinner label="Loading reconciliations…" />}
      {runs.isError && <Alert tone="error">{runs.error.message}</Alert>}
      {runs.data && !latest && <p className="text-sm text-slate-300">No reconciliation has run yet.</p>}
      {latest &&
        (latest.mismatches.length === 0 ? (
          <Alert tone="success">
            The books balanced at {new Date(latest.finishedAt).toLocaleString()}: {latest.accountsChecked}{' '}
            accounts, {latest.transfersChecked} transfers.
          </Alert>
        ) : (
          <Alert tone="error">
            {latest.mismatches.length} mismatches found at {new Date(latest.finishedAt).toLocaleString()}:
            <pre className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap text-xs">
              {JSON.stringify(latest.mismatches, null, 2)}
            </pre>
          </Alert>
        ))}
      {run.error && <Alert tone="error">{run.error.message}</Alert>}
      <Button variant="secondary" busy={run.busy} onClick={() => run.run()}>
        Reconcile now
      </Button>
    </section>
  );
}
