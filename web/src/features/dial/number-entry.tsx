import type { CountryCode } from 'libphonenumber-js';
import { type ClipboardEvent, useId, useRef } from 'react';
import { cleanDialInput, type DialCountry } from './dial-format';

/** How long a press on ⌫ must last to clear the whole number. */
const CLEAR_AFTER_MS = 600;

/** Long numbers get smaller type, so that a phone shows the whole number, its start included. */
function numberSize(display: string): string {
  if (display.length <= 13) return 'text-3xl';
  if (display.length <= 17) return 'text-2xl';
  return 'text-xl';
}

/**
 * The number being dialed, formatted as it is typed, with the country it is read in (a number starting with +
 * carries its own). Typing, pasting and the keypad all edit the same raw digits.
 */
export function NumberEntry(props: {
  countries: readonly DialCountry[];
  country: CountryCode;
  onCountry: (country: CountryCode) => void;
  raw: string;
  display: string;
  onRaw: (raw: string) => void;
  /** Enter in the number: place the call (when the number can be called). */
  onEnter: () => void;
}) {
  const id = useId();
  const clearTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cleared = useRef(false);

  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    event.preventDefault();
    props.onRaw(cleanDialInput(event.clipboardData.getData('text')));
  }

  function backspace() {
    if (cleared.current) {
      cleared.current = false;
      return;
    }
    props.onRaw(props.raw.slice(0, -1));
  }

  function holdBackspace() {
    cleared.current = false;
    clearTimer.current = setTimeout(() => {
      cleared.current = true;
      props.onRaw('');
    }, CLEAR_AFTER_MS);
  }

  return (
    <div className="flex flex-col items-center gap-3">
      <label htmlFor={`${id}-country`} className="sr-only">
        Country
      </label>
      <select
        id={`${id}-country`}
        value={props.country}
        onChange={(event) => props.onCountry(event.target.value as CountryCode)}
        className="glass max-w-full rounded-full px-4 py-2 text-sm text-slate-100"
      >
        {props.countries.map((country) => (
          <option key={country.iso} value={country.iso} className="bg-ink-900">
            {country.flag} {country.name} ({country.dialingCode})
          </option>
        ))}
      </select>
      <div className="flex w-full items-center gap-2">
        <span className="size-11 shrink-0" aria-hidden="true" />
        <label htmlFor={`${id}-number`} className="sr-only">
          Phone number
        </label>
        <input
          id={`${id}-number`}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="Enter a number"
          value={props.display}
          onChange={(event) => props.onRaw(cleanDialInput(event.target.value))}
          onPaste={onPaste}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              props.onEnter();
            }
          }}
          className={`min-w-0 flex-1 bg-transparent text-center ${numberSize(props.display)} font-light tracking-wide text-slate-50 placeholder:text-lg placeholder:text-slate-500 focus:outline-none`}
        />
        <button
          type="button"
          aria-label="Delete the last digit (hold to clear)"
          disabled={props.raw === ''}
          onPointerDown={holdBackspace}
          onPointerUp={() => clearTimeout(clearTimer.current)}
          onPointerLeave={() => clearTimeout(clearTimer.current)}
          onContextMenu={(event) => event.preventDefault()}
          onClick={backspace}
          className="grid size-11 shrink-0 place-items-center rounded-full text-slate-300 transition hover:bg-white/10 disabled:invisible"
        >
          <svg
            viewBox="0 0 24 24"
            className="size-6"
            fill="none"
            stroke="currentColor"
            strokeWidth={1.8}
            aria-hidden="true"
          >
            <path d="M21 5H9l-6 7 6 7h12a1 1 0 0 0 1-1V6a1 1 0 0 0-1-1z" strokeLinejoin="round" />
            <path d="M12 9l6 6M18 9l-6 6" strokeLinecap="round" />
          </svg>
        </button>
      </div>
    </div>
  );
}
