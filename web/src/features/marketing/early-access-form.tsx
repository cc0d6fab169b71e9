import type { SubscriberStatus } from '@mobayilo/contract';
import { useState } from 'react';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { TextLink } from '../../shared/ui/text-link';
import { marketingApi } from './api';

/** The landing page's "Get early access" form, shown while the beta gate is on. */
export function EarlyAccessForm() {
  const [email, setEmail] = useState('');
  const [answer, setAnswer] = useState<{ email: string; status: SubscriberStatus } | null>(null);
  const submit = useFormSubmit(
    () => marketingApi.subscribe(email, 'landing'),
    ({ status }) => setAnswer({ email: email.trim(), status }),
  );

  if (answer) {
    return (
      <div className="w-full max-w-md">
        {answer.status === 'waiting' && (
          <Alert tone="success">
            You're on the list. We'll email <strong className="break-all">{answer.email}</strong> an
            invitation as soon as there's a place for you.
          </Alert>
        )}
        {answer.status === 'invited' && (
          <Alert tone="success">
            You're already invited!{' '}
            <TextLink to={`/signup?${new URLSearchParams({ email: answer.email })}`}>
              Create your account
            </TextLink>
            .
          </Alert>
        )}
        {answer.status === 'joined' && (
          <Alert tone="info">
            You already use Mobayilo. <TextLink to="/signin">Sign in</TextLink>.
          </Alert>
        )}
      </div>
    );
  }

  return (
    <form
      className="flex w-full max-w-md flex-col gap-3 sm:flex-row sm:items-start"
      onSubmit={submit.run}
      noValidate
    >
      <Field
        className="flex-1"
        label="Get early access"
        type="email"
        name="email"
        autoComplete="email"
        inputMode="email"
        placeholder="you@example.com"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={submit.fieldErrors.email ?? submit.error?.message}
        hint="Mobayilo is invite-only during the beta. Join the list and we'll email you."
      />
      <Button type="submit" busy={submit.busy} className="sm:mt-7">
        Join the list
      </Button>
    </form>
  );
}
