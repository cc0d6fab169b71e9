import type { AutoTopupStatus } from '@mobayilo/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDollars } from '../../shared/lib/money';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { ConfirmAddressPrompt, useAddressConfirmed } from '../auth/confirm-address';
import { walletKeys } from './api';
import { paymentKeys, paymentsApi } from './payments-api';

const pauseReasons: Record<NonNullable<AutoTopupStatus['pausedReason']>, string> = {
  failures: 'Paused after three failed charges in a row. Check your card, then save to turn it back on.',
  dispute: 'Paused because a card payment is disputed. Contact us to resolve it.',
  card_removed: 'Paused because the card was removed. Save a card, then turn it back on.',
};

const dollarsOf = (cents: number) => String(cents / 100);
const centsOf = (dollars: string) =>
  /^\d{1,7}$/.test(dollars.trim()) ? Number(dollars.trim()) * 100 : Number.NaN;

/**
 * When the balance runs low, charge the saved card: threshold, amount and a daily cap, in plain words. The
 * form starts again from the saved settings whenever they change (its parent keys it on them), so whether
 * the last save went through is kept by the parent, or the confirmation would vanish with the refetch.
 */
export function AutoTopupForm({
  status,
  hasCard,
  saved,
  onSavedChange,
}: {
  status: AutoTopupStatus;
  hasCard: boolean;
  saved: boolean;
  onSavedChange: (saved: boolean) => void;
}) {
  const queryClient = useQueryClient();
  const addressConfirmed = useAddressConfirmed();
  const current = status.settings;
  const minimum = status.minimumAmountCents;
  const [enabled, setEnabled] = useState(current?.enabled ?? false);
  const [threshold, setThreshold] = useState(dollarsOf(current?.thresholdCents ?? minimum));
  const [amount, setAmount] = useState(dollarsOf(current?.amountCents ?? minimum * 2));
  const [cap, setCap] = useState(dollarsOf(current?.dailyCapCents ?? minimum * 6));
  const body = {
    enabled,
    thresholdCents: centsOf(threshold),
    amountCents: centsOf(amount),
    dailyCapCents: centsOf(cap),
  };
  const submit = useFormSubmit(
    () => paymentsApi.saveAutoTopup(body),
    () => {
      onSavedChange(true);
      void queryClient.invalidateQueries({ queryKey: paymentKeys.autoTopup });
      void queryClient.invalidateQueries({ queryKey: walletKeys.wallet });
    },
  );
  const valid = [body.thresholdCents, body.amountCents, body.dailyCapCents].every(Number.isFinite);
  const fields = submit.fieldErrors;

  return (
    <section aria-labelledby="auto-topup" className="glass rounded-3xl p-5">
      <h2 id="auto-topup" className="text-lg font-semibold">
        Automatic top-up
      </h2>
      <p className="mt-1 text-sm text-slate-300">
        {valid
          ? `When your available credit drops below ${formatDollars(body.thresholdCents)}, we charge your saved card ${formatDollars(body.amountCents)}, at most ${formatDollars(body.dailyCapCents)} a day. You get a receipt each time, and you can turn it off whenever you like.`
          : 'Keep calling without running out: we charge your saved card when your credit runs low.'}
      </p>
      {status.pausedReason && (
        <div className="mt-3">
          <Alert tone="warning">{pauseReasons[status.pausedReason]}</Alert>
        </div>
      )}
      {!addressConfirmed && (
        <div className="mt-3">
          <ConfirmAddressPrompt toDo="turn on automatic top-ups" />
        </div>
      )}
      <form
        className="mt-3 flex flex-col gap-3"
        onSubmit={(event) => {
          onSavedChange(false);
          void submit.run(event);
        }}
        noValidate
      >
        <label className="flex items-center gap-3 text-sm font-medium text-slate-100">
          <input
            type="checkbox"
            checked={enabled}
            disabled={!addressConfirmed && !enabled}
            onChange={(event) => setEnabled(event.target.checked)}
            className="size-5 accent-brand-500"
          />
          Turn on automatic top-up
        </label>
        <div className="grid grid-cols-3 gap-2">
          <Field
            label="Below ($)"
            inputMode="numeric"
            value={threshold}
            onChange={(event) => setThreshold(event.target.value)}
            error={fields.thresholdCents}
          />
          <Field
            label="Add ($)"
            inputMode="numeric"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            error={fields.amountCents}
          />
          <Field
            label="Daily cap ($)"
            inputMode="numeric"
            value={cap}
            onChange={(event) => setCap(event.target.value)}
            error={fields.dailyCapCents}
          />
        </div>
        {!hasCard && enabled && (
          <p className="text-sm text-amber-200">Save a card first: this charges your saved card.</p>
        )}
        {submit.error && Object.keys(fields).length === 0 && (
          <Alert tone="error">{submit.error.message}</Alert>
        )}
        {saved && !submit.error && <Alert tone="success">Automatic top-up saved.</Alert>}
        <Button type="submit" busy={submit.busy} disabled={!valid}>
          Save automatic top-up
        </Button>
      </form>
    </section>
  );
}
