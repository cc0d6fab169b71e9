import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useSetSignedIn } from '../../shared/api/me';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { TextLink } from '../../shared/ui/text-link';
import { authApi } from './api';
import { AuthLayout } from './auth-layout';

export function ResetPasswordPage() {
  const { token = '' } = useParams();
  const [password, setPassword] = useState('');
  const navigate = useNavigate();
  const setSignedIn = useSetSignedIn();
  const submit = useFormSubmit(
    () => authApi.resetPassword(token, password),
    (me) => {
      setSignedIn(me);
      navigate('/dial', {
        replace: true,
        state: { notice: 'Your new password is set. Other devices were signed out.' },
      });
    },
  );
  const linkProblem =
    submit.error && ['link_expired', 'link_used', 'link_invalid'].includes(submit.error.code);

  return (
    <AuthLayout title="Choose a new password" subtitle="Setting it signs you out on every other device.">
      {linkProblem ? (
        <div className="flex flex-col gap-4">
          <Alert tone="error">{submit.error?.message}</Alert>
          <TextLink to="/forgot">Get a new reset link</TextLink>
        </div>
      ) : (
        <form className="flex flex-col gap-4" onSubmit={submit.run} noValidate>
          <Field
            label="New password"
            type="password"
            name="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={submit.fieldErrors.password}
            hint="At least 10 characters."
          />
          {submit.error && !submit.fieldErrors.password && <Alert tone="error">{submit.error.message}</Alert>}
          <Button type="submit" busy={submit.busy}>
            Save and sign in
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
