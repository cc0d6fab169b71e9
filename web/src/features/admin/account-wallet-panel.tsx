import type { AdjustmentResponse, WalletResponse } from '@mobayilo/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest } from '../../shared/api/client';
import { formatCents } from '../../shared/lib/money';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Spinner } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { ConfirmButton } from './confirm-button';

/** "12.50" or "-3" dollars → cents; null when it is not an amount with at most two decimals. */
export function parseDollars(text: string): number | null {
  const match = text.trim().match(/^([+-]?)(\d{1,7})(?:\.(\d{1,2}))?$/);
  if (!match) return null;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -cents : cents;
}

/** A platform admin corrects one account's wallet; each submission carries its own idempotency key. */
export function AccountWalletPanel({ accountId }: { accountId: string }) {
  const queryClient = useQueryClient();
  const walletKey = ['admin', 'wallet', accountId];
  const wallet = useQuery({
    queryKey: walletKey,
    queryFn: ({ signal }) =>
      apiRequest<WalletResponse>(`/api/admin/accounts/${accountId}/wallet`, { signal }),
  });
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState<string | null>(null);
  const cents = parseDollars(amount);
  const submit = useFormSubmit(
    () =>
      apiRequest<AdjustmentResponse>(`/api/admin/accounts/${accountId}/adjustments`, {
        method: 'POST',
        body: { amountCents: cents ?? Number.NaN, reason, idempotencyKey },
      }),
    (result) => {
      setDone(
        `${formatCents(cents ?? 0, { signed: true })} recorded. The balance is now ${formatCents(result.wallet.balanceCents)}.`,
      );
      setAmount('');
      setReason('');
      setIdempotencyKey(crypto.randomUUID());
      queryClient.setQueryData(walletKey, { ...result.wallet, autoTopup: null });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] });
    },
  );

  return (
    <div className="mt-3 flex flex-col gap-3 rounded-2xl bg-white/5 p-4">
      {wallet.isPending && <Spinner label="Loading wallet…" />}
      {wallet.isError && <Alert tone="error">{wallet.error.message}</Alert>}
      {wallet.data && (
        <p className="text-sm">
          Balance <strong>{formatCents(wallet.data.balanceCents)}</strong> · available{' '}
          {formatCents(wallet.data.availableCents)} · held {formatCents(wallet.data.heldCents)}
        </p>
      )}
      <form className="flex flex-col gap-3" onSubmit={(event) => event.preventDefault()} noValidate>
        <Field
          label="Adjustment in dollars (negative to debit)"
          inputMode="decimal"
          value={amount}
          placeholder="25.00"
          onChange={(event) => setAmount(event.target.value)}
          error={
            amount && cents === null ? 'Enter an amount such as 25 or -3.50' : submit.fieldErrors.amountCents
          }
        />
        <Field
          label="Reason (kept with the transaction)"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={submit.fieldErrors.reason}
        />
        {submit.error && Object.keys(submit.fieldErrors).length === 0 && (
          <Alert tone="error">{submit.error.message}</Alert>
        )}
        {done && <Alert tone="success">{done}</Alert>}
        <ConfirmButton
          label="Record adjustment"
          question={`${cents !== null && cents < 0 ? 'Debit' : 'Credit'} ${formatCents(Math.abs(cents ?? 0))} ${cents !== null && cents < 0 ? 'from' : 'to'} this wallet?`}
          confirmLabel="Confirm adjustment"
          busy={submit.busy}
          disabled={cents === null || cents === 0 || reason.trim().length < 3}
          onConfirm={() => submit.run()}
        />
      </form>
    </div>
  );
}
