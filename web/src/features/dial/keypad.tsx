import { useRef } from 'react';

const KEYS: [key: string, letters: string][] = [
  ['1', ''],
  ['2', 'ABC'],
  ['3', 'DEF'],
  ['4', 'GHI'],
  ['5', 'JKL'],
  ['6', 'MNO'],
  ['7', 'PQRS'],
  ['8', 'TUV'],
  ['9', 'WXYZ'],
  ['*', ''],
  ['0', '+'],
  ['#', ''],
];

/** How long a press on 0 must last to type + instead, as on a phone. */
const LONG_PRESS_MS = 500;

/**
 * A phone keypad: digits with their letters; a long press on 0 types +. Works by touch, mouse and keyboard
 * (each key is a button).
 */
export function Keypad(props: {
  onKey: (key: string) => void;
  /** Without * and # when dialing (numbers have none), with them for tones during a call. */
  tones?: boolean;
  label: string;
}) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const longPressed = useRef(false);

  function pressStart(key: string) {
    if (key !== '0' || props.tones) return;
    longPressed.current = false;
    timer.current = setTimeout(() => {
      longPressed.current = true;
      props.onKey('+');
    }, LONG_PRESS_MS);
  }

  function pressEnd() {
    clearTimeout(timer.current);
  }

  function click(key: string) {
    if (longPressed.current) {
      longPressed.current = false;
      return;
    }
    props.onKey(key);
  }

  return (
    <fieldset className="mx-auto grid w-full max-w-72 grid-cols-3 gap-x-6 gap-y-3">
      <legend className="sr-only">{props.label}</legend>
      {KEYS.map(([key, letters]) => {
        const disabled = !props.tones && (key === '*' || key === '#');
        return (
          <button
            key={key}
            type="button"
            disabled={disabled}
            aria-label={key === '0' && !props.tones ? '0, hold for +' : key}
            onPointerDown={() => pressStart(key)}
            onPointerUp={pressEnd}
            onPointerLeave={pressEnd}
            onContextMenu={(event) => event.preventDefault()}
            onClick={() => click(key)}
            className="glass mx-auto flex size-18 touch-manipulation select-none flex-col items-center justify-center rounded-full transition active:bg-white/20 disabled:invisible"
          >
            <span className="text-3xl leading-none font-light">{key}</span>
            <span
              className="h-3 text-[0.6rem] font-semibold tracking-[0.2em] text-slate-400"
              aria-hidden="true"
            >
              {letters}
            </span>
          </button>
        );
      })}
    </fieldset>
  );
}
