import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { formatCents, formatDollars } from '../../shared/lib/money';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';
import { useWallet } from './api';
import { useTopup } from './payments-api';

/** How long to wait on the cancel page before saying that no payment was made. */
const CANCEL_GRACE_MS = 4000;
/** How long the success page waits for the credit before saying how the payment stands. */
const SUCCESS_GRACE_MS = 60_000;

/** Asked only once a top-up succeeded, so that pages without one make no extra request. */
function NewBalance() {
  const wallet = useWallet();
  return wallet.data ? <p>Your balance is {formatCents(wallet.data.balanceCents)}.</p> : null;
}

/**
 * Back from checkout (`?topup=<id>`): confirms the top-up once its credit has landed, not before, by asking
 * for its status until the payment is settled. On the cancel page, a top-up that stays pending was not paid.
 */
export function TopupReturn() {
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const topupId = params.get('topup');
  const onCancelPage = pathname.startsWith('/credits');
  const [waited, setWaited] = useState(false);
  const topup = useTopup(topupId, { untilSucceeded: !onCancelPage && !waited });
  const queryClient = useQueryClient();
  const [graceOver, setGraceOver] = useState(false);
  const status = topup.data?.status;

  useEffect(() => {
    setGraceOver(false);
    setWaited(false);
    if (!topupId) return;
    const timers = [
      setTimeout(() => setGraceOver(true), CANCEL_GRACE_MS),
      setTimeout(() => setWaited(true), SUCCESS_GRACE_MS),
    ];
    return () => timers.forEach(clearTimeout);
  }, [topupId]);
  useEffect(() => {
    if (status && status !== 'pending') void queryClient.invalidateQueries({ queryKey: ['wallet'] });
  }, [status, queryClient]);

  if (!topupId) return null;
  const dismiss = () =>
    setParams(
      (current) => {
        current.delete('topup');
        return current;
      },
      { replace: true },
    );
  const close = (
    <Button variant="ghost" className="mt-1 -ml-3 min-h-9 px-3 py-1" onClick={dismiss}>
      Dismiss
    </Button>
  );

  let body: ReactNode;
  if (topup.isError) body = <Alert tone="error">{topup.error.message}</Alert>;
  else if (status === 'succeeded')
    body = (
      <Alert tone="success">
        <p className="font-semibold">{formatDollars(topup.data?.amountCents ?? 0)} added to your credit.</p>
        <NewBalance />
        {close}
      </Alert>
    );
  else if ((status === 'failed' && (onCancelPage || waited)) || status === 'refunded')
    body = (
      <Alert tone="error">
        <p className="font-semibold">Your top-up did not go through.</p>
        <p>{withNothingCharged(topup.data?.failureMessage ?? 'The payment did not complete.')}</p>
        {close}
      </Alert>
    );
  else if (onCancelPage && graceOver)
    body = (
      <Alert tone="info">
        Top-up not completed. Nothing was charged.
        {close}
      </Alert>
    );
  else
    body = (
      <Alert tone="info">
        <Spinner label="Confirming your payment…" />
      </Alert>
    );
  return <div className="mb-4">{body}</div>;
}

/** Adds "Nothing was charged." unless the processor's message already says so. */
function withNothingCharged(message: string): string {
  return /nothing was charged/i.test(message) ? message : `${message} Nothing was charged.`;
}
