import { formatCents } from '../../shared/lib/money';
import { formatDuration } from './dial-format';

/** A call's running time and cost so far, as the in-call screens show them. */
export function CallMeters({ seconds, costCents }: { seconds: number; costCents: number }) {
  return (
    <dl className="grid grid-cols-2 gap-6 text-center">
      <div>
        <dt className="text-xs uppercase tracking-wider text-slate-400">Time</dt>
        <dd className="text-2xl font-light tabular-nums" data-testid="call-timer">
          {formatDuration(seconds)}
        </dd>
      </div>
      <div>
        <dt className="text-xs uppercase tracking-wider text-slate-400">Cost so far</dt>
        <dd className="text-2xl font-light tabular-nums" data-testid="call-cost">
          {formatCents(costCents)}
        </dd>
      </div>
    </dl>
  );
}
