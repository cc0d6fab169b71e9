import { useQueryClient } from '@tanstack/react-query';
import type { CountryCode } from 'libphonenumber-js';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useStatus } from '../../shared/api/status';
import { formatCents } from '../../shared/lib/money';
import { useSessionState } from '../../shared/lib/use-session-state';
import { Alert } from '../../shared/ui/alert';
import { PhoneIcon } from '../../shared/ui/icons';
import { useWallet } from '../credits/api';
import { PageTitle } from '../shell/page-title';
import { useCallQuote } from './api';
import { useCallInProgress } from './call-in-progress';
import { cleanDialInput, defaultCountry, dialCountries, readTyped } from './dial-format';
import { InCallScreen } from './in-call-screen';
import { Keypad } from './keypad';
import { NumberEntry } from './number-entry';
import { phoneSession } from './phone/phone-session';
import { usePhoneSession } from './phone/use-phone-session';
import { QuoteLine } from './quote-line';
import { RecentNumbers } from './recent-numbers';
import { ResumedCallScreen } from './resumed-call-screen';
import { useOnline } from './use-online';

/** The quote follows the number once typing pauses, not at every digit. */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** The dialer: a phone's keypad with the price of the call before it is placed, then the call itself. */
export function DialPage() {
  const session = usePhoneSession();
  const online = useOnline();
  const status = useStatus();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const countries = useMemo(() => dialCountries(), []);
  const known = useMemo(() => new Set(countries.map((country) => country.iso)), [countries]);
  const [country, setCountry] = useSessionState<CountryCode>(
    'dial-country',
    defaultCountry(navigator.languages, known),
  );
  const [raw, setRaw] = useState(() => cleanDialInput(params.get('to') ?? ''));
  const typed = readTyped(raw, country);
  const e164 = useSettled(typed.e164, 300);
  const quote = useCallQuote(e164);
  const resumed = useCallInProgress();
  const wallet = useWallet();

  useEffect(() => {
    phoneSession.onCallEnded(() => {
      void queryClient.invalidateQueries({ queryKey: ['calls'] });
      void queryClient.invalidateQueries({ queryKey: ['wallet'] });
    });
  }, [queryClient]);

  // A number typed with its calling code belongs to that country: show it in the picker.
  useEffect(() => {
    if (raw.startsWith('+') && typed.country && typed.country !== country) setCountry(typed.country);
  }, [raw, typed.country, country, setCountry]);

  if (session.phase !== 'idle') {
    return (
      <div className="mx-auto flex w-full max-w-sm flex-1 flex-col">
        <InCallScreen session={session} />
      </div>
    );
  }

  if (resumed) {
    return (
      <div className="mx-auto flex w-full max-w-sm flex-1 flex-col">
        <ResumedCallScreen call={resumed} />
      </div>
    );
  }

  const current = quote.data && quote.data.e164 === typed.e164 ? quote.data : undefined;
  const canCall = online && current?.allowed === true && current.rateMicros !== null;

  function call() {
    if (!current || current.rateMicros === null) return;
    void phoneSession.start({
      to: current.e164,
      destination: current.destination,
      rateMicros: current.rateMicros,
    });
  }

  return (
    <div className="mx-auto w-full max-w-sm">
      <div className="flex items-baseline justify-between gap-3">
        <PageTitle>Dial</PageTitle>
        {wallet.data && (
          <p className="text-sm text-slate-300" data-testid="dial-balance">
            Balance <strong className="text-slate-50">{formatCents(wallet.data.balanceCents)}</strong>
          </p>
        )}
      </div>
      {!online && (
        <div className="mb-4">
          <Alert tone="warning">You’re offline. Calls need a connection; the keypad waits for it.</Alert>
        </div>
      )}
      {status.data?.providers.telephony === 'sandbox' && (
        <p className="mb-4 text-center text-xs text-amber-200/80" data-testid="sandbox-note">
          Sandbox: calls are simulated and no one is rung. +1 202 555 0101 is busy, 0102 never answers.
        </p>
      )}
      <div className="flex flex-col gap-4">
        <NumberEntry
          countries={countries}
          country={country}
          onCountry={setCountry}
          raw={raw}
          display={typed.display}
          onRaw={setRaw}
          onEnter={() => {
            if (canCall) call();
          }}
        />
        <QuoteLine
          quote={current}
          loading={typed.e164 !== null && (quote.isFetching || e164 !== typed.e164)}
          error={typed.e164 !== null && e164 === typed.e164 ? quote.error : null}
          complete={typed.possible}
          availableCents={wallet.data?.availableCents}
        />
        <Keypad
          label="Keypad"
          onKey={(key) => setRaw(key === '+' ? (raw.startsWith('+') ? raw : `+${raw}`) : raw + key)}
        />
        <div className="flex justify-center pt-2">
          <button
            type="button"
            aria-label="Call"
            disabled={!canCall}
            onClick={call}
            className="grid size-18 place-items-center rounded-full bg-brand-500 text-ink-950 shadow-lg shadow-brand-500/30 transition hover:bg-brand-400 disabled:opacity-40"
          >
            <PhoneIcon className="size-8" />
          </button>
        </div>
      </div>
      <RecentNumbers onPick={(e164) => setRaw(e164)} />
    </div>
  );
}
