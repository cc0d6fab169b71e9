import { useMe } from '../../shared/api/me';
import { formatDollars } from '../../shared/lib/money';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Button } from '../../shared/ui/button';
import { goToCheckout, paymentsApi, useAutoTopup } from './payments-api';

/**
 * Shown across the app to owners and admins when the last automatic top-up failed: what happened, and a
 * Checkout where they can confirm with their bank or use another card.
 */
export function AutoTopupBanner() {
  const { data: me } = useMe();
  const manager = Boolean(me && me.membership.role !== 'seat');
  const status = useAutoTopup(manager);
  const recover = useFormSubmit(paymentsApi.recover, (result) => goToCheckout(result.checkoutUrl));
  const failure = status.data?.lastFailure;
  if (!manager || !failure) return null;
  const authentication = failure.code === 'authentication_required';
  return (
    <div
      role="alert"
      className="mb-4 rounded-2xl border border-amber-300/40 bg-amber-300/10 px-4 py-3 text-sm text-amber-100"
    >
      <p className="font-semibold">
        Your automatic top-up of {formatDollars(failure.amountCents)} did not go through.
      </p>
      <p className="mt-1">
        {failure.message}{' '}
        {authentication
          ? 'Confirm it with your bank, or pay with another card.'
          : 'Pay with another card to keep calling.'}
        {status.data?.pausedReason === 'failures' && ' Automatic top-up is paused.'}
      </p>
      {recover.error && <p className="mt-1 text-rose-200">{recover.error.message}</p>}
      <Button className="mt-2" variant="secondary" busy={recover.busy} onClick={() => recover.run()}>
        {authentication ? 'Confirm payment' : 'Fix payment'}
      </Button>
    </div>
  );
}
