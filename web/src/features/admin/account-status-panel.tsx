import type { AccountStatusChangeResponse, AdminAccount } from '@mobayilo/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest } from '../../shared/api/client';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Field } from '../../shared/ui/field';
import { ConfirmButton } from './confirm-button';

/** Suspends an active account or lifts a suspension, with a reason, after asking once more. */
export function AccountStatusPanel({ account }: { account: AdminAccount }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const action = account.status === 'suspended' ? 'unsuspend' : 'suspend';
  const submit = useFormSubmit(
    () =>
      apiRequest<AccountStatusChangeResponse>(`/api/admin/accounts/${account.id}/${action}`, {
        method: 'POST',
        body: { reason },
      }),
    (result) => {
      setDone(result.status === 'suspended' ? 'The account is suspended.' : 'The account is active again.');
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['admin', 'accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] });
    },
  );
  if (account.status === 'closed') return null;

  return (
    <form
      className="mt-3 flex flex-col gap-3 rounded-2xl bg-white/5 p-4"
      onSubmit={(event) => event.preventDefault()}
      noValidate
    >
      <p className="text-sm">
        {account.status === 'suspended'
          ? 'Suspended: its members cannot get a call token or place calls.'
          : 'Suspending stops its members from placing calls; their numbers keep their own state.'}
      </p>
      <Field
        label={action === 'suspend' ? 'Reason for the suspension' : 'Reason for lifting the suspension'}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={submit.fieldErrors.reason}
      />
      {submit.error && Object.keys(submit.fieldErrors).length === 0 && (
        <Alert tone="error">{submit.error.message}</Alert>
      )}
      {done && <Alert tone="success">{done}</Alert>}
      <ConfirmButton
        label={action === 'suspend' ? 'Suspend account' : 'Unsuspend account'}
        question={action === 'suspend' ? `Suspend ${account.name}?` : `Let ${account.name} call again?`}
        confirmLabel={action === 'suspend' ? 'Confirm suspension' : 'Confirm'}
        variant={action === 'suspend' ? 'danger' : 'secondary'}
        busy={submit.busy}
        disabled={reason.trim().length < 3}
        onConfirm={() => submit.run()}
      />
    </form>
  );
}
