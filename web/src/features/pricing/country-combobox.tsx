import type { RateCountry } from '@mobayilo/contract';
import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import { internationalDigits, searchCountries } from './format';

/**
 * A searchable country picker following the ARIA combobox pattern (list autocomplete): type a name, an
 * alias (UK), ISO code or dialing code; ↓/↑ move through the matches, Enter picks, Escape closes (or clears
 * when closed). A whole number, typed or pasted, picks its country at once and is passed on with it.
 */
export function CountryCombobox(props: {
  countries: readonly RateCountry[];
  /** A country picked, with the number's digits when a whole number picked it; null when nothing matches. */
  onSelect: (country: RateCountry | null, number?: string) => void;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => searchCountries(props.countries, query), [props.countries, query]);
  const expanded = open && matches.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;

  useEffect(() => {
    if (expanded) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  function choose(country: RateCountry) {
    props.onSelect(country);
    setQuery(country.name);
    setOpen(false);
  }

  function move(step: number) {
    if (!open) {
      setOpen(true);
      setActive(step > 0 ? 0 : matches.length - 1);
      return;
    }
    setActive((current) => (current + step + matches.length) % Math.max(matches.length, 1));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter' && expanded) {
      event.preventDefault();
      const country = matches[active];
      if (country) choose(country);
    } else if (event.key === 'Escape') {
      if (open) setOpen(false);
      else setQuery('');
    }
  }

  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className="mb-1.5 block text-sm font-medium text-slate-200">
        Where do you want to call?
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Country, code or a whole number"
        value={query}
        onChange={(event) => {
          const text = event.target.value;
          setQuery(text);
          setActive(0);
          const number = internationalDigits(text);
          const found = searchCountries(props.countries, text);
          if (number) {
            props.onSelect(found[0] ?? null, number);
            setOpen(found.length === 0);
            return;
          }
          // What was shown no longer answers what is typed.
          if (found.length === 0) props.onSelect(null);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className="glass min-h-12 w-full rounded-2xl px-4 text-base text-slate-100 placeholder:text-slate-400"
      />
      <div
        id={listId}
        role="listbox"
        aria-label="Countries"
        hidden={!expanded}
        className="glass absolute z-10 mt-2 max-h-72 w-full overflow-y-auto rounded-2xl bg-ink-900/95 p-1 shadow-xl"
      >
        {expanded &&
          matches.map((country, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the input handles the keys (aria-activedescendant)
            <div
              key={country.iso}
              id={optionId(index)}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              // Keep focus in the input, so that the list does not close before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(country)}
              onMouseEnter={() => setActive(index)}
              className={`flex cursor-pointer items-center gap-3 rounded-xl px-3 py-2.5 text-sm ${
                index === active ? 'bg-white/10 text-white' : 'text-slate-200'
              }`}
            >
              <span aria-hidden="true" className="text-lg">
                {country.flag}
              </span>
              <span className="flex-1">{country.name}</span>
              <span className="text-slate-300">
                {country.iso} · {country.dialingCode}
              </span>
            </div>
          ))}
      </div>
      <p className="sr-only" aria-live="polite">
        {open && query ? `${matches.length} ${matches.length === 1 ? 'country' : 'countries'} found` : ''}
      </p>
      {open && query && matches.length === 0 && (
        <p className="mt-2 text-sm text-slate-300">No country matches “{query}”.</p>
      )}
    </div>
  );
}
