import type pg from 'pg';
import type { Config } from './config';
import type { Database } from './db/client.adapter';
import { createAuditModule } from './modules/audit';
import { createCallsModule } from './modules/calls';
import { createHousekeepingModule } from './modules/housekeeping';
import { createIdentityModule } from './modules/identity';
import { createInboxModule } from './modules/inbox';
import { createLedgerModule } from './modules/ledger';
import { createMailModule } from './modules/mail';
import { createMarketingModule } from './modules/marketing';
import { createPaymentsModule } from './modules/payments';
import { createRatesModule } from './modules/rates';
import type { Clock } from './platform/clock.util';
import type { RoutePlugin } from './platform/http/http.types';
import { deleteExpiredRateLimits } from './platform/http/rate-limit.repository';
import type { AnyJobDefinition } from './platform/jobs/define-job.util';
import type { JobQueue } from './platform/jobs/job-queue.adapter';
import type { Logger } from './platform/logger.adapter';
import type { Metrics } from './platform/metrics.adapter';
import { createTelephony, sandboxCallRoutes } from './providers/telephony';

export type PlatformDeps = {
  config: Config;
  db: Database;
  pool: pg.Pool;
  jobs: JobQueue;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
};

/** The composition root: builds each module from the platform and from the modules it depends on. */
export function createModules(deps: PlatformDeps) {
  const { provider: telephony, sandbox: sandboxTelephony } = createTelephony(deps.config.telephony, {
    publicUrl: deps.config.http.publicUrl,
    logger: deps.logger,
  });
  const housekeeping = createHousekeepingModule(deps);
  const mail = createMailModule(deps);
  const inbox = createInboxModule(deps);
  const audit = createAuditModule(deps);
  const ledger = createLedgerModule({ ...deps, audit: audit.service });
  const marketing = createMarketingModule({ ...deps, mail: mail.service, audit: audit.service });
  const identity = createIdentityModule({
    ...deps,
    mail: mail.service,
    gate: marketing.service,
    audit: audit.service,
    moneyHistory: (accountIds) => ledger.service.accountsWithWallets(accountIds),
  });
  const rates = createRatesModule({
    ...deps,
    telephony,
    settings: deps.config.rates,
    guards: identity.guards,
  });

  const payments = createPaymentsModule({
    ...deps,
    ledger: ledger.service,
    inbox: inbox.service,
    mail: mail.service,
    ownerEmails: (accountId) => identity.accounts.ownerEmails(accountId),
    guards: identity.guards,
  });

  // Whatever takes money out of a wallet (a call's charge, an admin's correction), auto top-up may follow.
  ledger.service.onWalletDebited((accountId) => payments.considerAutoTopUp(accountId));
  // What someone set up before proving the address goes when its owner proves it (see identity).
  identity.onUnprovenSetupDiscarded((tx, accountId) => payments.discardUnprovenSetup(tx, accountId));

  const calls = createCallsModule({
    ...deps,
    telephony,
    identity: identity.accounts,
    suspension: identity.accountsAdmin,
    ledger: ledger.service,
    rates: rates.service,
    inbox: inbox.service,
    guards: identity.guards,
    // Verified caller IDs and company numbers come with the caller ID module.
    accountCallerId: async () => null,
  });

  for (const task of [mail.housekeeping, inbox.housekeeping, ...identity.housekeeping]) {
    housekeeping.service.addTask(task);
  }
  housekeeping.service.addTask({
    name: 'platform.rate-limits',
    run: (now) => deleteExpiredRateLimits(deps.db, now),
  });

  const routes: RoutePlugin[] = [
    ...mail.routes,
    ...identity.routes,
    ...ledger.routes({
      guards: identity.guards,
      jobs: deps.jobs,
      autoTopupOf: payments.autoTopupSettings,
      membersOf: identity.accounts.membersOf,
      accountExists: identity.accounts.accountExists,
    }),
    ...rates.routes,
    ...payments.routes,
    ...calls.routes,
    ...marketing.routes(identity.guards),
    ...audit.routes(identity.guards),
  ];
  if (sandboxTelephony) routes.push(sandboxCallRoutes(sandboxTelephony, deps.clock));
  const jobs: AnyJobDefinition[] = [
    ...housekeeping.jobs,
    ...mail.jobs,
    ...identity.jobs,
    ...ledger.jobs,
    ...rates.jobs,
    ...payments.jobs,
    ...calls.jobs,
  ];
  /** Steps run once the job queue is up, in order, before the server takes requests. */
  const startups: Record<string, () => Promise<void>> = { rates: rates.start };

  return {
    audit,
    housekeeping,
    mail,
    inbox,
    ledger,
    identity,
    marketing,
    rates,
    payments,
    calls,
    telephony,
    sandboxTelephony,
    guards: identity.guards,
    routes,
    jobs,
    startups,
  };
}

export type Modules = ReturnType<typeof createModules>;
