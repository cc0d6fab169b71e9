import { Link } from 'react-router';
import { useStatus } from '../../shared/api/status';

/** With the local outbox (no SMTP), links never reach a real inbox: point at the outbox instead. */
export function OutboxHint() {
  const { data } = useStatus();
  if (data?.providers.mail !== 'outbox') return null;
  return (
    <p className="text-xs text-slate-400">
      Mail isn’t sent from this server: find the link in the{' '}
      <Link to="/dev/mail" className="font-medium text-brand-300 underline">
        local outbox
      </Link>
      .
    </p>
  );
}
