import type { CallItem } from '@mobayilo/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../shared/api/client';
import { Alert } from '../../shared/ui/alert';
import { PhoneIcon } from '../../shared/ui/icons';
import { hangUpById, useKeepSandboxLeg, useSecondsSince } from './call-in-progress';
import { CallMeters } from './call-meters';
import { formatInternational, runningCostCents } from './dial-format';

/**
 * A call found going on after the page was reloaded: who, how long, what it costs so far, and Hang up (through
 * the API, since this page no longer holds the call's audio).
 */
export function ResumedCallScreen({ call }: { call: CallItem }) {
  const queryClient = useQueryClient();
  useKeepSandboxLeg(call);
  const seconds = useSecondsSince(call.answeredAt);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function hangUp() {
    setBusy(true);
    setError(null);
    try {
      await hangUpById(call.id);
      await queryClient.invalidateQueries({ queryKey: ['calls'] });
      await queryClient.invalidateQueries({ queryKey: ['wallet'] });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The call could not be ended. Try again.');
      setBusy(false);
    }
  }

  return (
    <section aria-label="Call" className="flex flex-1 flex-col items-center gap-6 pt-6 text-center">
      <div className="flex flex-col items-center gap-1">
        <p className="text-3xl font-light tracking-wide">{formatInternational(call.to)}</p>
        <p className="text-sm text-slate-400">{call.destination}</p>
      </div>
      <p className="text-lg font-medium text-brand-300" role="status" data-testid="call-status">
        {call.status === 'in_progress' ? 'In call' : 'Ringing…'}
      </p>
      <CallMeters
        seconds={seconds}
        costCents={call.answeredAt ? runningCostCents(seconds, call.rateMicros) : 0}
      />
      <p className="text-sm text-slate-400">
        This call continued while the page reloaded. Its sound stays with the page that started it.
      </p>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="sticky bottom-0 mt-auto flex w-full items-center justify-center bg-ink-950/80 py-3 backdrop-blur">
        <button
          type="button"
          aria-label="Hang up"
          disabled={busy}
          onClick={() => void hangUp()}
          className="grid size-18 place-items-center rounded-full bg-rose-500 text-white shadow-lg shadow-rose-500/30 transition hover:bg-rose-400 disabled:opacity-60"
        >
          <PhoneIcon className="size-8 rotate-[135deg]" />
        </button>
      </div>
    </section>
  );
}
