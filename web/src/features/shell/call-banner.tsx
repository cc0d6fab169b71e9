import { Link, useLocation } from 'react-router';
import { useCallInProgress, useKeepSandboxLeg, useSecondsSince } from '../dial/call-in-progress';
import { formatDuration } from '../dial/dial-format';
import { usePhoneSession } from '../dial/phone/use-phone-session';

/** On every page but the dialer: a slim line that a call is going on, its time, and the way back to it. */
export function CallBanner() {
  const location = useLocation();
  const session = usePhoneSession();
  const resumed = useCallInProgress();
  // Off the dialer, nothing else keeps a reloaded call's sandbox leg alive.
  useKeepSandboxLeg(location.pathname === '/dial' ? null : resumed);
  const holding = session.phase === 'preparing' || session.phase === 'active';
  const answeredAt = holding ? session.answeredAt : (resumed?.answeredAt ?? null);
  const seconds = useSecondsSince(answeredAt);
  if (location.pathname === '/dial' || (!holding && !resumed)) return null;
  return (
    <div
      role="status"
      className="mb-4 flex items-center justify-between gap-3 rounded-2xl bg-brand-500/15 px-4 py-2 text-sm text-brand-300"
      data-testid="call-banner"
    >
      <span>
        Call in progress ·{' '}
        <span className="tabular-nums">{answeredAt === null ? 'Ringing' : formatDuration(seconds)}</span>
      </span>
      <Link to="/dial" className="font-semibold underline-offset-4 hover:underline">
        Return
      </Link>
    </div>
  );
}
