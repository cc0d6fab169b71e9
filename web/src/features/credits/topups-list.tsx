import type { Topup } from '@mobayilo/contract';
import { formatDollars } from '../../shared/lib/money';
import { Spinner } from '../../shared/ui/button';
import { useTopups } from './payments-api';

const statusLabels: Record<Topup['status'], { label: string; tone: string }> = {
  pending: { label: 'Pending', tone: 'text-slate-300' },
  succeeded: { label: 'Paid', tone: 'text-brand-300' },
  failed: { label: 'Failed', tone: 'text-rose-300' },
  refunded: { label: 'Refunded', tone: 'text-amber-200' },
};
const kindLabels: Record<Topup['kind'], string> = {
  checkout: 'Top-up',
  auto: 'Automatic top-up',
  recovery: 'Top-up after a failed automatic one',
};

/** The latest card payments and how each went. */
export function TopupsList() {
  const topups = useTopups(true);
  const items = topups.data?.items ?? [];
  return (
    <section aria-labelledby="topups" className="glass rounded-3xl p-5">
      <h2 id="topups" className="text-lg font-semibold">
        Top-ups
      </h2>
      {topups.isPending && <Spinner label="Loading top-ups…" />}
      {!topups.isPending && items.length === 0 && (
        <p className="mt-1 text-sm text-slate-300">No top-ups yet.</p>
      )}
      <ul aria-label="Top-ups" className="divide-y divide-white/10">
        {items.map((topup) => {
          const status = statusLabels[topup.status];
          return (
            <li key={topup.id} className="flex items-start justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="text-sm font-medium">
                  {kindLabels[topup.kind]}
                  {topup.cardLast4 ? ` · card ending ${topup.cardLast4}` : ''}
                </p>
                <p className="text-xs text-slate-400">
                  <time dateTime={topup.createdAt}>{new Date(topup.createdAt).toLocaleString()}</time>
                  {topup.status === 'failed' && topup.failureMessage ? ` · ${topup.failureMessage}` : ''}
                </p>
              </div>
              <div className="shrink-0 text-right">
                <p className="text-sm font-semibold">{formatDollars(topup.amountCents)}</p>
                <p className={`text-xs ${status.tone}`}>{status.label}</p>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
