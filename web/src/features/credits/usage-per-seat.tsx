import { formatCents } from '../../shared/lib/money';
import { Alert } from '../../shared/ui/alert';
import { Spinner } from '../../shared/ui/button';
import { useUsage } from './api';

/** Company owners and admins: what each member's calls cost this month. */
export function UsagePerSeat() {
  const usage = useUsage(true);
  const month = usage.data
    ? new Date(`${usage.data.month}-01T00:00:00Z`).toLocaleDateString(undefined, {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      })
    : '';
  return (
    <section aria-labelledby="usage" className="glass rounded-3xl p-5">
      <h2 id="usage" className="text-lg font-semibold">
        Usage per seat{month && ` — ${month}`}
      </h2>
      {usage.isPending && <Spinner label="Loading usage…" />}
      {usage.isError && <Alert tone="error">{usage.error.message}</Alert>}
      {usage.data && (
        <table className="mt-3 w-full text-left text-sm">
          <thead className="text-xs text-slate-400">
            <tr>
              <th className="py-1 font-medium">Member</th>
              <th className="py-1 text-right font-medium">Calls</th>
              <th className="py-1 text-right font-medium">Cost</th>
            </tr>
          </thead>
          <tbody>
            {usage.data.items.map((item) => (
              <tr key={item.membershipId} className="border-t border-white/10">
                <td className="max-w-0 truncate py-2">{item.email}</td>
                <td className="py-2 text-right">{item.calls}</td>
                <td className="py-2 text-right">{formatCents(item.costCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
