import { useState } from 'react';
import { Button } from '../../shared/ui/button';

/** A button that asks once more before it acts. */
export function ConfirmButton(props: {
  label: string;
  question: string;
  confirmLabel: string;
  variant?: 'secondary' | 'ghost' | 'danger';
  busy: boolean;
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button
        variant={props.variant ?? 'secondary'}
        disabled={props.disabled}
        busy={props.busy}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </Button>
    );
  }
  return (
    <fieldset className="flex flex-wrap items-center gap-2">
      <legend className="sr-only">{props.question}</legend>
      <span className="text-sm text-slate-200" aria-hidden="true">
        {props.question}
      </span>
      <Button
        variant={props.variant === 'danger' ? 'danger' : 'primary'}
        busy={props.busy}
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.confirmLabel}
      </Button>
      <Button variant="ghost" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </fieldset>
  );
}
