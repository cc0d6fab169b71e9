import type { CountryRatesResponse, RateCountry, RateDestination } from '@mobayilo/contract';
import { useState } from 'react';
import { formatDollars, formatRate } from '../../shared/lib/money';
import { Button, Spinner } from '../../shared/ui/button';
import { CountryCombobox } from './country-combobox';
import { minutesFor, TOP_UP_AMOUNTS_CENTS } from './format';
import { useCountryRates, useRateCountries } from './use-rates';

type Plan = 'individual' | 'company';
const planNames: Record<Plan, string> = { individual: 'Individual', company: 'Company seat' };

/** Destinations that share a label and prices (e.g. Brazil's mobile ranges) are shown once. */
function groupDestinations(destinations: readonly RateDestination[]) {
  const groups = new Map<string, RateDestination & { prefixes: string[] }>();
  for (const destination of destinations) {
    const key = `${destination.label}|${destination.individualMicros}|${destination.companyMicros}`;
    const group = groups.get(key) ?? { ...destination, prefixes: [] };
    group.prefixes.push(destination.prefix);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.type === 'mobile' ? 1 : 0) - (b.type === 'mobile' ? 1 : 0));
}

function Price({ micros }: { micros: number | null }) {
  if (micros === null) return <span className="text-slate-300">Not available</span>;
  return (
    <span>
      <span className="text-lg font-semibold text-white">{formatRate(micros)}</span>
      <span className="text-slate-300">/min</span>
    </span>
  );
}

function DestinationCard({
  destination,
  plan,
}: {
  destination: ReturnType<typeof groupDestinations>[number];
  plan: Plan;
}) {
  const rate = plan === 'company' ? destination.companyMicros : destination.individualMicros;
  return (
    <li className="glass rounded-2xl p-4" data-testid="destination">
      <h4 className="font-semibold">{destination.label}</h4>
      <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
        <div>
          <dt className="text-slate-300">Individual</dt>
          <dd>
            <Price micros={destination.individualMicros} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-300">Company seat</dt>
          <dd>
            <Price micros={destination.companyMicros} />
          </dd>
        </div>
      </dl>
      {rate !== null && rate > 0 && (
        <p className="mt-3 text-sm text-slate-300">
          {planNames[plan]}:{' '}
          {TOP_UP_AMOUNTS_CENTS.map((cents, index) => (
            <span key={cents}>
              {index > 0 && ' · '}
              <strong className="text-slate-100">{formatDollars(cents)}</strong> buys{' '}
              {(minutesFor(cents, rate) ?? 0).toLocaleString('en-US')} min
            </span>
          ))}
        </p>
      )}
    </li>
  );
}

function PlanSwitch({ plan, onChange }: { plan: Plan; onChange: (plan: Plan) => void }) {
  return (
    <fieldset className="flex flex-wrap items-center gap-2 text-sm">
      <legend className="sr-only">Show minutes for</legend>
      {(Object.keys(planNames) as Plan[]).map((option) => (
        <label
          key={option}
          className={`cursor-pointer rounded-full px-3 py-1.5 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-400 ${
            plan === option ? 'bg-brand-500 font-semibold text-ink-950' : 'glass text-slate-200'
          }`}
        >
          <input
            type="radio"
            name="pricing-plan"
            value={option}
            checked={plan === option}
            onChange={() => onChange(option)}
            className="sr-only"
          />
          {planNames[option]}
        </label>
      ))}
    </fieldset>
  );
}

function LoadError({ message, retry }: { message: string; retry: () => void }) {
  return (
    <p role="alert" className="text-sm text-rose-300">
      {message}{' '}
      <Button variant="ghost" onClick={retry}>
        Try again
      </Button>
    </p>
  );
}

/** The destination a number is charged as: its longest matching prefix. */
function destinationOf(destinations: readonly RateDestination[], digits: string): RateDestination | null {
  let best: RateDestination | null = null;
  for (const destination of destinations) {
    if (digits.startsWith(destination.prefix) && destination.prefix.length > (best?.prefix.length ?? 0)) {
      best = destination;
    }
  }
  return best;
}

function NumberPrice({ rates, number, plan }: { rates: CountryRatesResponse; number: string; plan: Plan }) {
  const destination = destinationOf(rates.destinations, number);
  const rate = destination && (plan === 'company' ? destination.companyMicros : destination.individualMicros);
  return (
    <p className="glass mb-3 rounded-2xl p-4 text-sm" data-testid="number-price">
      <span className="text-slate-300">+{number}</span> is {destination ? destination.label : rates.name}:{' '}
      {rate === null || rate === undefined ? (
        <strong>not available on this plan</strong>
      ) : (
        <strong className="text-base text-white">{formatRate(rate)}/min</strong>
      )}
    </p>
  );
}

function CountryPrices({ country, plan, number }: { country: RateCountry; plan: Plan; number?: string }) {
  const query = useCountryRates(country.iso);
  if (query.isPending) return <Spinner label={`Loading prices for ${country.name}…`} />;
  if (query.isError) {
    return <LoadError message={query.error.message} retry={() => query.refetch()} />;
  }
  const rates: CountryRatesResponse = query.data;
  return (
    <div aria-live="polite">
      <h3 className="text-lg font-semibold">
        <span aria-hidden="true">{country.flag}</span> Calling {rates.name} ({rates.dialingCode})
      </h3>
      <div className="mt-3">{number && <NumberPrice rates={rates} number={number} plan={plan} />}</div>
      <ul className="grid gap-3 sm:grid-cols-2">
        {groupDestinations(rates.destinations).map((destination) => (
          <DestinationCard key={destination.prefixes.join(',')} destination={destination} plan={plan} />
        ))}
      </ul>
    </div>
  );
}

/** The landing page's price calculator: pick a country, see each plan's per-minute prices and what credit buys. */
export function PricingCalculator() {
  const countries = useRateCountries();
  const [selected, setSelected] = useState<{ country: RateCountry; number?: string } | null>(null);
  const [plan, setPlan] = useState<Plan>('individual');

  return (
    <section id="prices" aria-labelledby="prices-title" className="glass flex flex-col gap-5 rounded-3xl p-6">
      <div>
        <h2 id="prices-title" className="text-2xl font-bold tracking-tight">
          Prices per minute
        </h2>
        <p className="mt-1 text-sm text-slate-300">
          Billed per started minute, at the price you see before you call. Company seats pay a little less.
        </p>
      </div>
      {countries.isPending && <Spinner label="Loading prices…" />}
      {countries.isError && <LoadError message={countries.error.message} retry={() => countries.refetch()} />}
      {countries.data && (
        <>
          <CountryCombobox
            countries={countries.data.items}
            onSelect={(country, number) => setSelected(country ? { country, number } : null)}
          />
          <PlanSwitch plan={plan} onChange={setPlan} />
          {selected && <CountryPrices country={selected.country} plan={plan} number={selected.number} />}
        </>
      )}
    </section>
  );
}
