import type { MeResponse } from '@mobayilo/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { meQueryKey } from '../../shared/api/me';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { settingsApi } from './api';
import { Section } from './section';

const roleNames = { owner: 'Owner', admin: 'Admin', seat: 'Seat' };

export function ProfileSection({ me }: { me: MeResponse }) {
  const queryClient = useQueryClient();
  const manager = me.membership.role !== 'seat';
  const [name, setName] = useState(me.account.name);
  const [saved, setSaved] = useState(false);
  const rename = useFormSubmit(
    () => settingsApi.rename(name),
    () => {
      setSaved(true);
      queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  );
  return (
    <Section title="Profile">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-400">Email</dt>
        <dd className="break-all">{me.user.email}</dd>
        <dt className="text-slate-400">Account</dt>
        <dd>
          {me.account.kind === 'company' ? 'Company' : 'Individual'} · {roleNames[me.membership.role]}
        </dd>
      </dl>
      {manager && (
        <form className="mt-4 flex flex-col gap-3" onSubmit={rename.run} noValidate>
          <Field
            label={me.account.kind === 'company' ? 'Company name' : 'Account name'}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setSaved(false);
            }}
            error={rename.fieldErrors.name}
          />
          {rename.error && !rename.fieldErrors.name && <Alert tone="error">{rename.error.message}</Alert>}
          {saved && <Alert tone="success">Saved.</Alert>}
          <Button type="submit" variant="secondary" busy={rename.busy} disabled={name === me.account.name}>
            Save name
          </Button>
        </form>
      )}
    </Section>
  );
}
