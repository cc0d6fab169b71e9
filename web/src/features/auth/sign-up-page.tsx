import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useSetSignedIn } from '../../shared/api/me';
import { useStatus } from '../../shared/api/status';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { clearSessionState, useSessionState } from '../../shared/lib/use-session-state';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { TextLink } from '../../shared/ui/text-link';
import { authApi } from './api';
import { AuthLayout } from './auth-layout';

type Kind = 'individual' | 'company';

const kinds: { value: Kind; label: string; text: string }[] = [
  { value: 'individual', label: 'Just me', text: 'A personal wallet. Top up from $5.' },
  { value: 'company', label: 'A company', text: 'One wallet shared by your team’s seats. Top up from $100.' },
];

export function SignUpPage() {
  const [kind, setKind] = useSessionState<Kind>('signup.kind', 'individual');
  const [email, setEmail] = useSessionState('signup.email', '');
  const [companyName, setCompanyName] = useSessionState('signup.company', '');
  const [password, setPassword] = useState('');
  const navigate = useNavigate();
  const setSignedIn = useSetSignedIn();
  // An invitation's link carries the invited address.
  const search = new URLSearchParams(useLocation().search);
  const invitedEmail = search.get('email');
  const invited = search.get('invited') === '1';
  const betaGate = useStatus().data?.betaGate === true;
  useEffect(() => {
    if (invitedEmail) setEmail(invitedEmail);
  }, [invitedEmail, setEmail]);
  const submit = useFormSubmit(
    () =>
      authApi.signUp({
        email,
        password,
        accountType: kind,
        ...(kind === 'company' ? { companyName } : {}),
      }),
    (me) => {
      for (const key of ['signup.kind', 'signup.email', 'signup.company']) clearSessionState(key);
      setSignedIn(me);
      navigate('/dial', { replace: true });
    },
  );
  // The beta gate held the address back: that is a place on the waitlist, not a failure.
  useEffect(() => {
    if (submit.error?.code === 'waitlisted') {
      navigate(`/waitlist?${new URLSearchParams({ email: email.trim() })}`);
    }
  }, [submit.error, email, navigate]);
  const errors = submit.fieldErrors;

  return (
    <AuthLayout title="Create your account" subtitle="Call any phone in the world, paying as you go.">
      {invited ? (
        <div className="mb-4">
          <Alert tone="success">Your invitation is ready: choose a password to create your account.</Alert>
        </div>
      ) : (
        betaGate && (
          <div className="mb-4">
            <Alert tone="info">
              Mobayilo is invite-only during the beta. Without an invitation, you'll join the waitlist.
            </Alert>
          </div>
        )
      )}
      <form className="flex flex-col gap-4" onSubmit={submit.run} noValidate>
        <fieldset className="grid grid-cols-2 gap-2">
          <legend className="mb-1.5 text-sm font-medium text-slate-200">Who is it for?</legend>
          {kinds.map((option) => (
            <label
              key={option.value}
              className={`cursor-pointer rounded-2xl border p-3 text-sm transition has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-400 ${
                kind === option.value ? 'border-brand-400 bg-brand-500/10' : 'border-white/15 bg-white/5'
              }`}
            >
              <input
                type="radio"
                name="accountType"
                value={option.value}
                checked={kind === option.value}
                onChange={() => setKind(option.value)}
                className="sr-only"
              />
              <span className="block font-semibold">{option.label}</span>
              <span className="mt-0.5 block text-xs text-slate-300">{option.text}</span>
            </label>
          ))}
        </fieldset>
        {kind === 'company' && (
          <Field
            label="Company name"
            name="companyName"
            autoComplete="organization"
            required
            value={companyName}
            onChange={(event) => setCompanyName(event.target.value)}
            error={errors.companyName}
          />
        )}
        <Field
          label={kind === 'company' ? 'Your work email' : 'Email'}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
          hint={kind === 'company' ? 'New people with an address at your domain join as seats.' : undefined}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
          hint="At least 10 characters. A few unrelated words work well."
        />
        {submit.error && Object.keys(errors).length === 0 && (
          <Alert tone="error">{submit.error.message}</Alert>
        )}
        <Button type="submit" busy={submit.busy}>
          Create account
        </Button>
      </form>
      <p className="mt-6 text-sm text-slate-300">
        Already with us? <TextLink to="/signin">Sign in</TextLink>
      </p>
    </AuthLayout>
  );
}
