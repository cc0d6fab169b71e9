import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useSetSignedIn } from '../../shared/api/me';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { useSessionState } from '../../shared/lib/use-session-state';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { TextLink } from '../../shared/ui/text-link';
import { authApi } from './api';
import { AuthLayout, nextPath } from './auth-layout';

export function PasswordSignInPage() {
  const [email, setEmail] = useSessionState('signin.email', '');
  const [password, setPassword] = useState('');
  const navigate = useNavigate();
  const location = useLocation();
  const setSignedIn = useSetSignedIn();
  const submit = useFormSubmit(
    () => authApi.signIn({ email, password }),
    (me) => {
      setSignedIn(me);
      navigate(nextPath(location.search), { replace: true });
    },
  );

  return (
    <AuthLayout title="Sign in with a password" subtitle="For individuals and company owners and admins.">
      <form className="flex flex-col gap-4" onSubmit={submit.run} noValidate>
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={submit.fieldErrors.email}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={submit.fieldErrors.password}
        />
        {submit.error && Object.keys(submit.fieldErrors).length === 0 && (
          <Alert tone="error">{submit.error.message}</Alert>
        )}
        <Button type="submit" busy={submit.busy}>
          Sign in
        </Button>
      </form>
      <div className="mt-6 flex flex-col gap-2 text-sm">
        <TextLink to="/forgot">Forgot your password?</TextLink>
        <TextLink to="/signin">Email me a sign-in link instead</TextLink>
      </div>
    </AuthLayout>
  );
}
