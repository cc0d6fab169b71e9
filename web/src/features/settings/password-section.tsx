import type { MeResponse } from '@mobayilo/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { meQueryKey } from '../../shared/api/me';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { settingsApi, settingsKeys } from './api';
import { Section } from './section';

export function PasswordSection({ me }: { me: MeResponse }) {
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const submit = useFormSubmit(
    () =>
      settingsApi.changePassword({
        ...(me.user.hasPassword ? { currentPassword: current } : {}),
        newPassword: next,
      }),
    () => {
      setDone(true);
      setCurrent('');
      setNext('');
      queryClient.invalidateQueries({ queryKey: meQueryKey });
      queryClient.invalidateQueries({ queryKey: settingsKeys.sessions });
    },
  );
  if (me.membership.role === 'seat') return null;
  return (
    <Section
      title="Password"
      description={
        me.user.hasPassword
          ? 'Changing it signs you out on your other devices.'
          : 'You sign in with email links. Add a password to sign in without waiting for email.'
      }
    >
      <form className="flex flex-col gap-3" onSubmit={submit.run} noValidate>
        {me.user.hasPassword && (
          <Field
            label="Current password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
            error={submit.fieldErrors.currentPassword}
          />
        )}
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(event) => setNext(event.target.value)}
          error={submit.fieldErrors.newPassword}
          hint="At least 10 characters."
        />
        {submit.error && Object.keys(submit.fieldErrors).length === 0 && (
          <Alert tone="error">{submit.error.message}</Alert>
        )}
        {done && <Alert tone="success">Password saved.</Alert>}
        <Button type="submit" variant="secondary" busy={submit.busy}>
          {me.user.hasPassword ? 'Change password' : 'Set password'}
        </Button>
      </form>
    </Section>
  );
}
