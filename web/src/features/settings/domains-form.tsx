import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { settingsApi, settingsKeys } from './api';
import { Section } from './section';

export function DomainsForm({ domains, inReview }: { domains: string[]; inReview: string[] }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(domains.join(', '));
  const [saved, setSaved] = useState(false);
  const parsed = text
    .split(/[\s,]+/)
    .map((domain) => domain.trim())
    .filter(Boolean);
  const submit = useFormSubmit(
    () => settingsApi.setDomains(parsed),
    (result) => {
      setText(result.domains.join(', '));
      setSaved(true);
      queryClient.invalidateQueries({ queryKey: settingsKeys.members });
    },
  );
  const fieldError = Object.values(submit.fieldErrors)[0];
  return (
    <Section
      title="Allowed domains"
      description="New people who sign in with an address at these domains join as seats. Only your company’s own domains; never public webmail."
    >
      <form className="flex flex-col gap-3" onSubmit={submit.run} noValidate>
        <Field
          label="Domains"
          value={text}
          placeholder="example.com"
          onChange={(event) => {
            setText(event.target.value);
            setSaved(false);
          }}
          error={fieldError}
          hint="Separate several with commas."
        />
        {submit.error && !fieldError && <Alert tone="error">{submit.error.message}</Alert>}
        {saved && <Alert tone="success">Saved.</Alert>}
        {inReview.length > 0 && (
          <Alert tone="info">
            {inReview.join(', ')}: another company on Mobayilo holds this domain. Our team will look into it
            and get back to you.
          </Alert>
        )}
        <Button type="submit" variant="secondary" busy={submit.busy}>
          Save domains
        </Button>
      </form>
    </Section>
  );
}
