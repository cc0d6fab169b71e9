import { useState } from 'react';
import { useMe } from '../../shared/api/me';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { authApi } from './api';

/** False only while the signed-in person has not proven their address yet. */
export function useAddressConfirmed(): boolean {
  return useMe().data?.user.confirmed !== false;
}

function ResendConfirmation() {
  const [sent, setSent] = useState(false);
  const resend = useFormSubmit(authApi.resendConfirmation, () => setSent(true));
  if (sent) return <p className="mt-2">A new link is on its way. Check your inbox.</p>;
  return (
    <div className="mt-2 flex flex-col gap-2">
      {resend.error && <p role="alert">{resend.error.message}</p>}
      <Button variant="secondary" busy={resend.busy} onClick={() => resend.run()}>
        Resend confirmation
      </Button>
    </div>
  );
}

/** On every signed-in page until the address is confirmed: what waits for it, and a fresh link. */
export function ConfirmAddressBanner() {
  const me = useMe().data;
  if (!me || me.user.confirmed) return null;
  return (
    <div className="mb-4">
      <Alert tone="warning">
        <p className="font-medium">Confirm your email address</p>
        <p className="mt-1">
          We emailed a link to {me.user.email}. You can top up and call now; saving a card, automatic top-ups,
          company domains and invitations wait until you follow it.
        </p>
        <ResendConfirmation />
      </Alert>
    </div>
  );
}

/** In place of an action that waits for the confirmation (saving a card, inviting…). */
export function ConfirmAddressPrompt({ toDo }: { toDo: string }) {
  return (
    <Alert tone="info">
      <p>Confirm your email address to {toDo}: follow the link we emailed you.</p>
      <ResendConfirmation />
    </Alert>
  );
}
