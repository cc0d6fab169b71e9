import { useStatus } from '../api/status';

/** Says plainly when calls and payments are simulated, so nobody mistakes the demo for the real thing. */
export function SandboxBadge() {
  const { data } = useStatus();
  if (!data?.sandbox) return null;
  const simulated = [
    data.providers.telephony === 'sandbox' && 'calls',
    data.providers.payments === 'sandbox' && 'payments',
  ].filter(Boolean);
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded-full border border-amber-300/40 bg-amber-300/15 px-2.5 py-0.5 text-xs font-semibold text-amber-200"
      title={`Sandbox mode: ${simulated.join(' and ')} are simulated; no real money moves.`}
      data-testid="sandbox-badge"
    >
      <span className="size-1.5 rounded-full bg-amber-300" aria-hidden="true" />
      Sandbox
    </span>
  );
}
