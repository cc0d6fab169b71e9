import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { useSessionState } from '../../shared/lib/use-session-state';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { EmailField } from '../../shared/ui/field';
import { TextLink } from '../../shared/ui/text-link';
import { authApi } from './api';
import { AuthLayout } from './auth-layout';
import { OutboxHint } from './outbox-hint';

export function ForgotPasswordPage() {
  const [email, setEmail] = useSessionState('signin.email', '');
  const [sent, setSent] = useSessionState('forgot.sent', false);
  const submit = useFormSubmit(
    () => authApi.forgotPassword(email),
    () => setSent(true),
  );

  if (sent) {
    return (
      <AuthLayout
        title="Check your inbox"
        subtitle={`If ${email} has a password, a reset link is on its way.`}
      >
        <div className="flex flex-col gap-4 text-sm text-slate-300">
          <p>The link works once and expires in 30 minutes.</p>
          <OutboxHint />
          <Button variant="ghost" onClick={() => setSent(false)}>
            Try another address
          </Button>
        </div>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Reset your password" subtitle="We’ll email you a link to choose a new one.">
      <form className="flex flex-col gap-4" onSubmit={submit.run} noValidate>
        <EmailField
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={submit.fieldErrors.email}
        />
        {submit.error && !submit.fieldErrors.email && <Alert tone="error">{submit.error.message}</Alert>}
        <Button type="submit" busy={submit.busy}>
          Send reset link
        </Button>
      </form>
      <p className="mt-6 text-sm">
        <TextLink to="/signin">Back to sign in</TextLink>
      </p>
    </AuthLayout>
  );
}
