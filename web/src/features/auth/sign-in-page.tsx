import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { clearSessionState, useSessionState } from '../../shared/lib/use-session-state';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { EmailField } from '../../shared/ui/field';
import { TextLink } from '../../shared/ui/text-link';
import { authApi } from './api';
import { AuthLayout } from './auth-layout';
import { OutboxHint } from './outbox-hint';

/** The one entry for everyone: type your address, get a link. New people get an account on the way. */
export function SignInPage() {
  const [email, setEmail] = useSessionState('signin.email', '');
  const [sentTo, setSentTo] = useSessionState<string | null>('signin.sentTo', null);
  const submit = useFormSubmit(
    () => authApi.requestLink(email),
    () => setSentTo(email.trim().toLowerCase()),
  );

  if (sentTo) {
    return (
      <AuthLayout title="Check your inbox" subtitle={`We sent a sign-in link to ${sentTo}.`}>
        <div className="flex flex-col gap-4">
          <p className="text-sm text-slate-300">
            Open it on this device. It works once and expires in 10 minutes. No email? Check spam, or send
            another.
          </p>
          <OutboxHint />
          {submit.error && <Alert tone="error">{submit.error.message}</Alert>}
          <Button variant="secondary" busy={submit.busy} onClick={() => submit.run()}>
            Send another link
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              setSentTo(null);
              clearSessionState('signin.sentTo');
            }}
          >
            Use a different email
          </Button>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Sign in or get started"
      subtitle="Enter your email. We’ll send you a link — no password needed."
    >
      <form className="flex flex-col gap-4" onSubmit={submit.run} noValidate>
        <EmailField
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={submit.fieldErrors.email}
        />
        {submit.error && !submit.fieldErrors.email && <Alert tone="error">{submit.error.message}</Alert>}
        <Button type="submit" busy={submit.busy}>
          Continue with email
        </Button>
      </form>
      <div className="mt-6 flex flex-col gap-2 text-sm text-slate-300">
        <TextLink to="/signin/password">Sign in with a password</TextLink>
        <TextLink to="/signup">Create an account with a password</TextLink>
      </div>
    </AuthLayout>
  );
}
