import type { PaymentMethodResponse } from '@mobayilo/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';
import { ConfirmAddressPrompt, useAddressConfirmed } from '../auth/confirm-address';
import { goToCheckout, paymentKeys, paymentsApi, useSavedCard } from './payments-api';

function describe(card: NonNullable<PaymentMethodResponse['card']>) {
  const brand = card.brand.charAt(0).toUpperCase() + card.brand.slice(1);
  return `${brand} ending ${card.last4}, expires ${String(card.expMonth).padStart(2, '0')}/${card.expYear}`;
}

/** The card automatic top-ups charge: save one, replace it, or remove it. */
export function SavedCard({ waitForCard }: { waitForCard: boolean }) {
  const queryClient = useQueryClient();
  const saved = useSavedCard(true, { waitForCard });
  const [confirming, setConfirming] = useState(false);
  const addressConfirmed = useAddressConfirmed();
  const setup = useFormSubmit(paymentsApi.startCardSetup, (result) => goToCheckout(result.checkoutUrl));
  const remove = useFormSubmit(paymentsApi.removeCard, () => {
    setConfirming(false);
    void queryClient.invalidateQueries({ queryKey: paymentKeys.card });
    void queryClient.invalidateQueries({ queryKey: paymentKeys.autoTopup });
  });
  const card = saved.data?.card ?? null;

  return (
    <section aria-labelledby="saved-card" className="glass rounded-3xl p-5">
      <h2 id="saved-card" className="text-lg font-semibold">
        Saved card
      </h2>
      {saved.isPending ? (
        <p className="mt-2 text-sm text-slate-300">
          <Spinner label="Loading your card…" />
        </p>
      ) : card ? (
        <p className="mt-1 text-sm text-slate-200" data-testid="saved-card">
          {describe(card)}
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-300">
          {waitForCard ? 'Saving your card…' : 'No card saved. Save one to turn on automatic top-ups.'}
        </p>
      )}
      {(setup.error ?? remove.error) && (
        <div className="mt-3">
          <Alert tone="error">{(setup.error ?? remove.error)?.message}</Alert>
        </div>
      )}
      {confirming ? (
        <div className="mt-3 flex flex-col gap-2">
          <p className="text-sm text-slate-200">
            Remove this card? Automatic top-ups stop until you save another.
          </p>
          <div className="grid grid-cols-2 gap-2">
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
            <Button variant="danger" busy={remove.busy} onClick={() => remove.run()}>
              Remove card
            </Button>
          </div>
        </div>
      ) : !addressConfirmed ? (
        <div className="mt-3">
          <ConfirmAddressPrompt toDo="save a card" />
        </div>
      ) : (
        <div className="mt-3 grid grid-cols-2 gap-2">
          <Button variant="secondary" busy={setup.busy} onClick={() => setup.run()}>
            {card ? 'Replace card' : 'Save a card'}
          </Button>
          {card && (
            <Button variant="ghost" onClick={() => setConfirming(true)}>
              Remove
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
