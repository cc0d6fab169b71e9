import type { CallsResponse } from '@mobayilo/contract';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiRequest } from '../../shared/api/client';
import { formatCents } from '../../shared/lib/money';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { PhoneIcon } from '../../shared/ui/icons';
import { TextLink } from '../../shared/ui/text-link';
import { costWords, endReason } from '../history/end-reason';
import { CallMeters } from './call-meters';
import { formatInternational, runningCostCents } from './dial-format';
import { Keypad } from './keypad';
import { type PhoneSession, phoneSession } from './phone/phone-session';

const statusText: Record<NonNullable<PhoneSession['status']>, string> = {
  connecting: 'Connecting…',
  ringing: 'Ringing…',
  open: 'In call',
  reconnecting: 'Reconnecting…',
  closed: 'Call ended',
};

/** Seconds since `from`, ticking every second while the call is up. */
function useElapsed(from: number | null, until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (from === null || until !== null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [from, until]);
  if (from === null) return 0;
  return Math.max(0, Math.floor(((until ?? now) - from) / 1000));
}

/** The call in progress: who, its status, the timer and running cost, mute, tones, hang up. */
export function InCallScreen({ session }: { session: PhoneSession }) {
  const [showKeypad, setShowKeypad] = useState(false);
  const elapsed = useElapsed(session.answeredAt, session.endedAt);
  const ended = session.phase === 'ended';
  const cost = session.rateMicros === null ? 0 : runningCostCents(elapsed, session.rateMicros);

  return (
    <section aria-label="Call" className="flex flex-1 flex-col items-center gap-6 pt-6 text-center">
      <div className="flex flex-col items-center gap-1">
        <p className="text-3xl font-light tracking-wide">
          {session.to ? formatInternational(session.to) : ''}
        </p>
        <p className="text-sm text-slate-400">{session.destination}</p>
      </div>
      <p className="text-lg font-medium text-brand-300" role="status" data-testid="call-status">
        {session.status ? statusText[session.status] : ''}
      </p>
      <CallMeters seconds={elapsed} costCents={cost} />

      {session.message && <Alert tone="warning">{session.message}</Alert>}
      {session.error && (
        <Alert tone="error">
          {session.error.message}
          {session.error.code === 'insufficient_funds' && (
            <>
              {' '}
              <TextLink to="/credits">Add credit</TextLink>
            </>
          )}
        </Alert>
      )}

      {ended && !session.error && session.to && <EndedCall to={session.to} hungUp={session.hungUp} />}
      {ended ? (
        <Button onClick={() => phoneSession.dismiss()} className="w-full max-w-60">
          Back to the keypad
        </Button>
      ) : (
        <>
          {showKeypad && (
            <div className="w-full">
              <p className="mb-2 min-h-6 font-mono text-lg tracking-widest">
                <span className="sr-only">Tones sent: </span>
                {session.digits}
              </p>
              <Keypad tones label="Keypad tones" onKey={(key) => phoneSession.sendDigits(key)} />
            </div>
          )}
          {/* Pinned to the bottom of the page's scroll area: the tones keypad never pushes Hang up out of sight. */}
          <div className="sticky bottom-0 mt-auto flex w-full items-center justify-center gap-8 bg-ink-950/80 py-3 backdrop-blur">
            <CircleButton
              label={session.muted ? 'Unmute' : 'Mute'}
              pressed={session.muted}
              disabled={session.status !== 'open'}
              onClick={() => phoneSession.toggleMute()}
            >
              <MicIcon muted={session.muted} />
            </CircleButton>
            <button
              type="button"
              aria-label="Hang up"
              onClick={() => phoneSession.hangUp()}
              className="grid size-18 place-items-center rounded-full bg-rose-500 text-white shadow-lg shadow-rose-500/30 transition hover:bg-rose-400"
            >
              <PhoneIcon className="size-8 rotate-[135deg]" />
            </button>
            <CircleButton
              label="Keypad"
              pressed={showKeypad}
              onClick={() => setShowKeypad((shown) => !shown)}
            >
              <span className="text-xl" aria-hidden="true">
                ⠿
              </span>
            </CircleButton>
          </div>
        </>
      )}
    </section>
  );
}

function CircleButton(props: {
  label: string;
  pressed: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={props.label}
      aria-pressed={props.pressed}
      disabled={props.disabled}
      onClick={props.onClick}
      className={`grid size-14 place-items-center rounded-full transition disabled:opacity-40 ${
        props.pressed ? 'bg-slate-100 text-ink-950' : 'glass text-slate-100 hover:bg-white/10'
      }`}
    >
      {props.children}
    </button>
  );
}

function MicIcon({ muted }: { muted: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      className="size-6"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      aria-hidden="true"
    >
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3" strokeLinecap="round" />
      {muted && <path d="M4 4l16 16" strokeLinecap="round" />}
    </svg>
  );
}

/** Why the call ended and what it cost, as the server settled it. */
function EndedCall({ to, hungUp }: { to: string; hungUp: boolean }) {
  const last = useQuery({
    queryKey: ['calls', 'ended', to],
    queryFn: ({ signal }) => apiRequest<CallsResponse>('/api/calls?limit=1', { signal }),
    refetchInterval: (query) => {
      const item = query.state.data?.items[0];
      return item && item.to === to && item.costCents !== null ? false : 1000;
    },
  });
  const call = last.data?.items[0];
  if (!call || call.to !== to || call.costCents === null) {
    return <p className="text-sm text-slate-400">Working out the cost…</p>;
  }
  return (
    <p className="text-base" data-testid="end-reason">
      {endReason(call.status, hungUp)} · {costWords(call.costCents, formatCents)}
    </p>
  );
}
