import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useSetSignedIn } from '../../shared/api/me';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { TextLink } from '../../shared/ui/text-link';
import { authApi } from './api';
import { AuthLayout } from './auth-layout';
import { OutboxHint } from './outbox-hint';

/**
 * Where emailed links land. The link is used only when the person presses the button, so that mail scanners
 * opening links do not burn it.
 */
export function MagicLinkPage({ purpose = 'sign-in' }: { purpose?: 'sign-in' | 'confirm' }) {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const setSignedIn = useSetSignedIn();
  const [resent, setResent] = useState(false);
  const signIn = useFormSubmit(
    () => authApi.signInWithLink(token),
    (result) => {
      setSignedIn(result);
      const notice = result.signedOutEmail
        ? `${result.signedOutEmail} was signed out on this browser. You are now signed in as ${result.user.email}.`
        : undefined;
      navigate('/dial', { replace: true, state: notice ? { notice } : undefined });
    },
  );
  const resend = useFormSubmit(
    () => authApi.resendLink(token),
    () => setResent(true),
  );
  const canResend = signIn.error?.details?.canResend === true;

  if (resent) {
    return (
      <AuthLayout title="Check your inbox" subtitle="A fresh link is on its way to the same address.">
        <div className="flex flex-col gap-4 text-sm text-slate-300">
          <p>It works once and expires in 10 minutes.</p>
          <OutboxHint />
        </div>
      </AuthLayout>
    );
  }

  if (signIn.error) {
    return (
      <AuthLayout title={canResend ? 'This link no longer works' : 'This link is not valid'}>
        <div className="flex flex-col gap-4">
          <Alert tone="error">{signIn.error.message}</Alert>
          {resend.error && <Alert tone="error">{resend.error.message}</Alert>}
          {canResend ? (
            <Button busy={resend.busy} onClick={() => resend.run()}>
              Send me a fresh link
            </Button>
          ) : (
            <TextLink to="/signin">Ask for a new link</TextLink>
          )}
        </div>
      </AuthLayout>
    );
  }

  if (purpose === 'confirm') {
    return (
      <AuthLayout
        title="Confirm your email address"
        subtitle="You opened the confirmation link of your new account. Confirm to prove this address is yours; you will be signed in on this browser."
      >
        <Button className="w-full" busy={signIn.busy} onClick={() => signIn.run()}>
          Confirm
        </Button>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Sign in to Mobayilo"
      subtitle="You opened a sign-in link. Continue to sign in on this browser."
    >
      <Button className="w-full" busy={signIn.busy} onClick={() => signIn.run()}>
        Continue
      </Button>
    </AuthLayout>
  );
}
