import { useEffect } from 'react';
import { Link } from 'react-router';
import { formatRate } from '../../shared/lib/money';
import { Alert } from '../../shared/ui/alert';
import { ButtonLink, Spinner } from '../../shared/ui/button';
import { Logo } from '../../shared/ui/logo';
import { SandboxBadge } from '../../shared/ui/sandbox-badge';
import { PricingCalculator } from './pricing-calculator';
import { useRateCountries } from './use-rates';

function From({ micros }: { micros: number | null }) {
  return micros === null ? <span className="text-slate-400">—</span> : <>from {formatRate(micros)}/min</>;
}

/** Every country that can be called, with the lowest price per plan. */
function CountryList() {
  const countries = useRateCountries();
  if (countries.isPending) return <Spinner label="Loading countries…" />;
  if (countries.isError) return <Alert tone="error">{countries.error.message}</Alert>;
  return (
    <section aria-labelledby="all-countries" className="glass rounded-3xl p-5 sm:p-6">
      <h2 id="all-countries" className="text-2xl font-bold tracking-tight">
        All countries
      </h2>
      <p className="mt-1 text-sm text-slate-300">
        {countries.data.items.length} countries. Search above for each destination’s mobile and landline
        prices.
      </p>
      <table className="mt-4 w-full text-left text-sm" data-testid="country-list">
        <thead className="text-xs text-slate-400">
          <tr>
            <th scope="col" className="py-2 font-medium">
              Country
            </th>
            <th scope="col" className="hidden py-2 font-medium sm:table-cell">
              Code
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Individual
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Company seat
            </th>
          </tr>
        </thead>
        <tbody>
          {countries.data.items.map((country) => (
            <tr key={country.iso} className="border-t border-white/10">
              <th scope="row" className="py-2 pr-2 font-normal">
                <span aria-hidden="true">{country.flag}</span> {country.name}
                <span className="text-slate-400 sm:hidden"> {country.dialingCode}</span>
              </th>
              <td className="hidden py-2 text-slate-300 sm:table-cell">
                {country.iso} · {country.dialingCode}
              </td>
              <td className="py-2 text-right tabular-nums">
                <From micros={country.fromIndividualMicros} />
              </td>
              <td className="py-2 text-right tabular-nums">
                <From micros={country.fromCompanyMicros} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** `/pricing`: the calculator and the full list of countries, signed in or not. */
export function PricingPage() {
  useEffect(() => {
    document.title = 'Prices · Mobayilo';
  }, []);
  return (
    <div className="mx-auto flex min-h-dvh max-w-5xl flex-col px-5 lg:px-10">
      <header className="flex items-center justify-between gap-3 py-5">
        <Link to="/" aria-label="Mobayilo home">
          <Logo />
        </Link>
        <div className="flex items-center gap-3">
          <SandboxBadge />
          <ButtonLink to="/dial" variant="secondary">
            Open dialer
          </ButtonLink>
        </div>
      </header>
      <main className="flex flex-1 flex-col gap-8 py-6">
        <h1 className="text-4xl font-bold tracking-tight">Prices</h1>
        <PricingCalculator />
        <CountryList />
      </main>
    </div>
  );
}
