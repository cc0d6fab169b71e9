import { formatCents } from '../../shared/lib/money';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';
import { useWallet } from './api';

export function BalanceCard() {
  const wallet = useWallet();
  if (wallet.isPending) {
    return (
      <div className="glass rounded-3xl p-6 text-slate-300">
        <Spinner label="Loading your balance…" />
      </div>
    );
  }
  if (wallet.isError) {
    return (
      <div className="flex flex-col gap-3">
        <Alert tone="error">{wallet.error.message}</Alert>
        <Button variant="secondary" onClick={() => wallet.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  const { balanceCents, availableCents, heldCents } = wallet.data;
  return (
    <section aria-labelledby="balance" className="glass rounded-3xl p-6">
      <h2 id="balance" className="text-sm font-medium text-slate-300">
        Balance
      </h2>
      <p className="mt-1 text-4xl font-semibold tracking-tight" data-testid="balance">
        {formatCents(balanceCents)}
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-3 text-sm">
        <div className="rounded-2xl bg-white/5 p-3">
          <dt className="text-slate-400">Available to call</dt>
          <dd className="mt-0.5 font-semibold" data-testid="available">
            {formatCents(availableCents)}
          </dd>
        </div>
        <div className="rounded-2xl bg-white/5 p-3">
          <dt className="text-slate-400">Reserved by calls</dt>
          <dd className="mt-0.5 font-semibold">{formatCents(heldCents)}</dd>
        </div>
      </dl>
    </section>
  );
}
