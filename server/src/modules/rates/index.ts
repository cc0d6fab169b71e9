import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import type { AuthGuards } from '../../platform/http/auth.guards';
import type { JobQueue } from '../../platform/jobs/job-queue.adapter';
import type { Logger } from '../../platform/logger.adapter';
import type { Metrics } from '../../platform/metrics.adapter';
import type { TelephonyProvider } from '../../providers/telephony';
import { ratesJobs } from './rates.jobs';
import { ratesRoutes } from './rates.routes';
import { createRatesService, type RatesSettings } from './rates.service';
import { ratesAdminRoutes } from './rates-admin.routes';
import { createRatesImportService } from './rates-import.service';

// Every module that takes a phone number normalises it with the platform helper; re-exported for callers of quote.
export { countryInfo, normalizePhone, parsePhone, phone } from '../../platform/phone';
export { affordableMinutes, type CallCharge, chargeForCall, MICROS_PER_CENT } from './billing.domain';
export {
  buildDeck,
  type DeckEntry,
  type DestinationType,
  type RateDeck,
  type RatePlan,
  ratePlans,
} from './deck.domain';
export type { RateQuote, RatesService, RatesSettings } from './rates.service';
export type { ImportOptions, ImportSummary, RatesImportService } from './rates-import.service';

export function createRatesModule(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  telephony: TelephonyProvider;
  settings: RatesSettings;
  jobs: Pick<JobQueue, 'send'>;
  guards: Pick<AuthGuards, 'requirePlatformAdmin'>;
}) {
  const { db, clock, settings } = deps;
  const service = createRatesService({ db, clock, metrics: deps.metrics, settings });
  const imports = createRatesImportService({
    db,
    clock,
    logger: deps.logger.child({ module: 'rates' }),
    telephony: deps.telephony,
    settings,
    onChange: service.invalidate,
  });
  const jobs = ratesJobs(imports);
  return {
    service,
    imports,
    routes: [
      ratesRoutes(service),
      ratesAdminRoutes({ imports, jobs: deps.jobs, syncJob: jobs.syncProviderPrices, guards: deps.guards }),
    ],
    jobs: Object.values(jobs),
    syncProviderPricesJob: jobs.syncProviderPrices,
    /** At start: a new install gets the YAML deck, and the deck is loaded before the first call needs it. */
    async start() {
      await imports.loadYamlIfEmpty();
      await service.warm();
    },
  };
}
