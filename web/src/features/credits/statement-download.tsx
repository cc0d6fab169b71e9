import { useState } from 'react';
import { buttonClass } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';

function isoDay(date: Date) {
  return date.toISOString().slice(0, 10);
}

/** A CSV statement of a date range (UTC days), downloaded straight from the API. */
export function StatementDownload() {
  const today = new Date();
  const [from, setFrom] = useState(
    isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1))),
  );
  const [to, setTo] = useState(isoDay(today));
  const valid = Boolean(from && to && from <= to);
  return (
    <section aria-labelledby="statement" className="glass rounded-3xl p-5">
      <h2 id="statement" className="text-lg font-semibold">
        Statement
      </h2>
      <p className="mt-1 text-sm text-slate-300">
        Every transaction of a period, with opening and closing balances, as CSV.
      </p>
      <div className="mt-3 grid grid-cols-1 gap-3 min-[420px]:grid-cols-2">
        <Field
          label="From"
          type="date"
          value={from}
          max={to}
          onChange={(event) => setFrom(event.target.value)}
        />
        <Field
          label="To"
          type="date"
          value={to}
          min={from}
          onChange={(event) => setTo(event.target.value)}
          error={valid ? undefined : 'Choose an end on or after the start'}
        />
      </div>
      <a
        className={buttonClass('secondary', `mt-3 w-full ${valid ? '' : 'pointer-events-none opacity-60'}`)}
        href={`/api/wallet/statement.csv?from=${from}&to=${to}`}
        download
        aria-disabled={!valid}
      >
        Download CSV
      </a>
    </section>
  );
}
