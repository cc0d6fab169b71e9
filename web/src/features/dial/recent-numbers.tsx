import { useRecentNumbers } from './api';
import { flagOf, formatInternational } from './dial-format';

/** The last numbers the person called; a tap puts one back in the dialer. */
export function RecentNumbers({ onPick }: { onPick: (e164: string) => void }) {
  const recent = useRecentNumbers();
  const items = recent.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="recent-numbers" className="mt-8">
      <h2 id="recent-numbers" className="mb-2 text-sm font-semibold text-slate-300">
        Recent
      </h2>
      <ul className="glass divide-y divide-white/5 rounded-3xl" aria-label="Recent numbers">
        {items.map((item) => (
          <li key={item.to}>
            <button
              type="button"
              onClick={() => onPick(item.to)}
              className="flex w-full items-center gap-3 px-4 py-3 text-left transition hover:bg-white/5"
            >
              <span aria-hidden="true">{item.country ? flagOf(item.country) : '🌐'}</span>
              <span className="min-w-0 flex-1">
                <span className="block truncate text-sm font-medium">{formatInternational(item.to)}</span>
                <span className="block truncate text-xs text-slate-400">{item.destination}</span>
              </span>
              <time className="shrink-0 text-xs text-slate-500" dateTime={item.lastCalledAt}>
                {new Date(item.lastCalledAt).toLocaleDateString()}
              </time>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
