import { useLocation } from 'react-router';
import { Alert } from '../../shared/ui/alert';
import { ButtonLink } from '../../shared/ui/button';
import { TextLink } from '../../shared/ui/text-link';
import { AuthLayout } from '../auth/auth-layout';

/** Where the beta gate sends people who are not invited yet: not an error, a place in the queue. */
export function WaitlistPage() {
  const email = new URLSearchParams(useLocation().search).get('email');
  return (
    <AuthLayout title="You're on the list" subtitle="Mobayilo is invite-only while it is in beta.">
      <div className="flex flex-col gap-4 text-sm text-slate-200">
        <Alert tone="success">
          {email ? (
            <>
              We have saved <strong className="break-all">{email}</strong> on our waitlist.
            </>
          ) : (
            'We have saved your address on our waitlist.'
          )}
        </Alert>
        <h2 className="text-base font-semibold text-slate-50">What happens next</h2>
        <ol className="flex list-decimal flex-col gap-2 pl-5">
          <li>We let people in a few at a time while we grow.</li>
          <li>When your place is ready, we email you an invitation with a link to create your account.</li>
          <li>Until then there is nothing else to do: you don't need to sign up again.</li>
        </ol>
        <p className="text-slate-300">
          Already invited or already a member? <TextLink to="/signin">Sign in</TextLink> with the address we
          wrote to.
        </p>
        <ButtonLink to="/" variant="secondary">
          Back to the home page
        </ButtonLink>
      </div>
    </AuthLayout>
  );
}
