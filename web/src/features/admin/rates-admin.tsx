import type { RateImportSummary } from '@mobayilo/contract';
import { useState } from 'react';
import { apiRequest } from '../../shared/api/client';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';

const adminRatesApi = {
  loadYaml: () => apiRequest<RateImportSummary>('/api/admin/rates/yaml', { method: 'POST' }),
  preview: (csv: string) =>
    apiRequest<RateImportSummary>('/api/admin/rates/csv/preview', { method: 'POST', body: { csv } }),
  apply: (csv: string) =>
    apiRequest<RateImportSummary>('/api/admin/rates/csv', { method: 'POST', body: { csv } }),
  sync: () => apiRequest<{ status: 'queued' }>('/api/admin/rates/sync', { method: 'POST', body: {} }),
};

const dollars = (micros: number | null) => (micros === null ? '—' : `$${(micros / 1_000_000).toFixed(4)}`);

function SummaryView({ summary, title }: { summary: RateImportSummary; title: string }) {
  return (
    <div className="flex flex-col gap-2 text-sm">
      <p className="font-medium">
        {title}: {summary.added} added, {summary.changed} changed, {summary.unchanged} unchanged
        {summary.errors.length > 0 && `, ${summary.errors.length} with errors`}.
      </p>
      {summary.errors.length > 0 && (
        <ul
          className="max-h-48 overflow-y-auto rounded-xl bg-rose-500/10 p-3 text-rose-100"
          aria-label="Row errors"
        >
          {summary.errors.map((error) => (
            <li key={`${error.row}-${error.field ?? ''}-${error.message}`}>
              Row {error.row}
              {error.field ? ` (${error.field})` : ''}: {error.message}
            </li>
          ))}
        </ul>
      )}
      {summary.changes.length > 0 && (
        <table className="w-full text-left text-xs">
          <caption className="sr-only">Price changes</caption>
          <thead className="text-slate-400">
            <tr>
              <th className="py-1">Prefix</th>
              <th>Destination</th>
              <th>Plan</th>
              <th>Before</th>
              <th>After</th>
            </tr>
          </thead>
          <tbody>
            {summary.changes.slice(0, 50).map((change) => (
              <tr key={`${change.prefix}-${change.plan}`} className="border-t border-white/10">
                <td className="py-1 font-mono">{change.prefix}</td>
                <td>{change.destination}</td>
                <td>{change.plan}</td>
                <td>{dollars(change.beforeMicros)}</td>
                <td>{dollars(change.afterMicros)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Platform admins: reload the YAML deck, import a CSV deck after previewing it, sync the provider's prices. */
export function RatesAdmin() {
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<RateImportSummary | null>(null);
  const [result, setResult] = useState<{ title: string; summary: RateImportSummary } | null>(null);
  const [queued, setQueued] = useState(false);

  const loadYaml = useFormSubmit(adminRatesApi.loadYaml, (summary) =>
    setResult({ title: 'YAML rates loaded', summary }),
  );
  const runPreview = useFormSubmit(() => adminRatesApi.preview(csv ?? ''), setPreview);
  const apply = useFormSubmit(
    () => adminRatesApi.apply(csv ?? ''),
    (summary) => {
      setResult({ title: `${fileName} imported`, summary });
      setPreview(null);
      setCsv(null);
    },
  );
  const sync = useFormSubmit(adminRatesApi.sync, () => setQueued(true));
  const error = loadYaml.error ?? runPreview.error ?? apply.error ?? sync.error;

  return (
    <section aria-labelledby="rates-admin" className="glass flex flex-col gap-4 rounded-3xl p-5">
      <h2 id="rates-admin" className="text-lg font-semibold">
        Rates
      </h2>
      {error && <Alert tone="error">{error.message}</Alert>}
      {result && <SummaryView title={result.title} summary={result.summary} />}
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" busy={loadYaml.busy} onClick={() => loadYaml.run()}>
          Load YAML rates
        </Button>
        <Button variant="secondary" busy={sync.busy} onClick={() => sync.run()}>
          Sync provider prices
        </Button>
      </div>
      {queued && <Alert tone="info">Price sync queued. Prices update within a few minutes.</Alert>}
      <div className="flex flex-col gap-2">
        <label htmlFor="rates-csv" className="text-sm font-medium">
          Import a CSV deck (prefix, country, destination, individual rate, company rate in dollars per
          minute)
        </label>
        <input
          id="rates-csv"
          type="file"
          accept=".csv,text/csv"
          className="text-sm text-slate-300 file:mr-3 file:min-h-11 file:cursor-pointer file:rounded-2xl file:border file:border-white/10 file:bg-white/[0.06] file:px-5 file:py-2.5 file:text-sm file:font-semibold file:text-slate-100 hover:file:bg-white/10"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            setPreview(null);
            setCsv(file ? await file.text() : null);
            setFileName(file?.name ?? '');
          }}
        />
        {csv !== null && !preview && (
          <Button busy={runPreview.busy} onClick={() => runPreview.run()}>
            Preview {fileName}
          </Button>
        )}
        {preview && (
          <>
            <SummaryView title="Preview" summary={preview} />
            <Button busy={apply.busy} disabled={preview.errors.length > 0} onClick={() => apply.run()}>
              {preview.errors.length > 0 ? 'Fix the errors to import' : `Import ${fileName}`}
            </Button>
          </>
        )}
      </div>
    </section>
  );
}
