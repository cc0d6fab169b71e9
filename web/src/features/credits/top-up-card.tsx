import { useState } from 'react';
import { formatDollars } from '../../shared/lib/money';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { useSessionState } from '../../shared/lib/use-session-state';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { useAddressConfirmed } from '../auth/confirm-address';
import { goToCheckout, paymentsApi } from './payments-api';

const presets = { individual: [500, 1000, 2500, 5000], company: [10_000, 25_000, 50_000] };

/** Dollars typed by a person → cents, or null when it is not a whole number of dollars. */
function centsOf(dollars: string): number | null {
  const trimmed = dollars.trim().replace(/^\$/, '').replaceAll(',', '');
  return /^\d{1,7}$/.test(trimmed) ? Number(trimmed) * 100 : null;
}

/** Pick an amount, pay by card on the checkout page, come back once the credit has landed. */
export function TopUpCard({ accountKind }: { accountKind: 'individual' | 'company' }) {
  const options = presets[accountKind];
  const [choice, setChoice] = useSessionState<string>(
    `topup.choice.${accountKind}`,
    String(options[1] ?? options[0]),
  );
  const [custom, setCustom] = useSessionState(`topup.custom.${accountKind}`, '');
  const [saveCard, setSaveCard] = useState(false);
  // Saving a card waits for the address to be confirmed (the banner above says so).
  const confirmed = useAddressConfirmed();
  const amountCents = choice === 'custom' ? centsOf(custom) : Number(choice);
  const minimum = options[0] ?? 500;
  const submit = useFormSubmit(
    async () => {
      if (amountCents === null) throw new Error('whole dollars');
      return paymentsApi.startTopup({ amountCents, saveCard: saveCard && confirmed });
    },
    (result) => goToCheckout(result.checkoutUrl),
  );
  const customError =
    choice === 'custom' && custom !== '' && amountCents === null
      ? 'Enter whole dollars, such as 40'
      : submit.fieldErrors.amountCents;

  return (
    <section aria-labelledby="top-up" className="glass rounded-3xl p-5">
      <h2 id="top-up" className="text-lg font-semibold">
        Top up
      </h2>
      <p className="mt-1 text-sm text-slate-300">
        Pay by card. The smallest top-up is {formatDollars(minimum)}.
      </p>
      <form className="mt-3 flex flex-col gap-3" onSubmit={submit.run} noValidate>
        <fieldset>
          <legend className="sr-only">Amount</legend>
          <div className="grid grid-cols-3 gap-2">
            {[...options.map(String), 'custom'].map((value) => (
              <label
                key={value}
                className={`flex min-h-11 cursor-pointer items-center justify-center rounded-2xl border text-sm font-semibold has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-400 ${
                  choice === value
                    ? 'border-brand-400 bg-brand-500/15 text-brand-100'
                    : 'border-white/15 bg-white/5'
                }`}
              >
                <input
                  type="radio"
                  name="amount"
                  value={value}
                  checked={choice === value}
                  onChange={() => setChoice(value)}
                  className="sr-only"
                />
                {value === 'custom' ? 'Other' : formatDollars(Number(value))}
              </label>
            ))}
          </div>
        </fieldset>
        {choice === 'custom' && (
          <Field
            label="Amount in dollars"
            inputMode="numeric"
            value={custom}
            onChange={(event) => setCustom(event.target.value)}
            error={customError}
            hint={`Whole dollars, at least ${formatDollars(minimum)}.`}
          />
        )}
        {confirmed && (
          <label className="flex items-start gap-3 text-sm text-slate-200">
            <input
              type="checkbox"
              checked={saveCard}
              onChange={(event) => setSaveCard(event.target.checked)}
              className="mt-0.5 size-5 accent-brand-500"
            />
            <span>Save this card for automatic top-ups</span>
          </label>
        )}
        {submit.error && !submit.fieldErrors.amountCents && (
          <Alert tone="error">{submit.error.message}</Alert>
        )}
        <Button type="submit" busy={submit.busy} disabled={amountCents === null}>
          {amountCents === null ? 'Top up' : `Top up ${formatDollars(amountCents)}`}
        </Button>
      </form>
    </section>
  );
}
