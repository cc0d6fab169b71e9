import type pg from 'pg';
import type { Config } from '../../config';
import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import type { AuthGuards } from '../../platform/http/auth.guards';
import { createRateLimit } from '../../platform/http/rate-limit.adapter';
import type { Logger } from '../../platform/logger.adapter';
import type { Metrics } from '../../platform/metrics.adapter';
import type { TelephonyProvider } from '../../providers/telephony';
import type { AccountsAdminService, AccountsService } from '../identity';
import type { InboxService } from '../inbox';
import type { LedgerService } from '../ledger';
import type { RatesService } from '../rates';
import { createCallAssessor } from './call-assessment.service';
import { callsJobs } from './calls.jobs';
import { createCallMetrics } from './calls.metrics';
import { callsRoutes } from './calls.routes';
import { createCallsService } from './calls.service';
import { callsAdminRoutes } from './calls-admin.routes';
import { createCallsAdminService } from './calls-admin.service';
import { createSettlementService } from './settlement.service';
import { createVoiceService } from './voice.service';
import { WEBHOOK_PATHS, webhookRoutes } from './webhooks.routes';

export type { CallsService } from './calls.service';
export type { SettlementService } from './settlement.service';
export type { VoiceService } from './voice.service';

/**
 * Calls: the browser's access token, the voice webhook that places a call under a hold, the status webhooks
 * and the job that settles each call from its hold, the stale-call sweeper, and the call history.
 */
export function createCallsModule(deps: {
  config: Pick<Config, 'calls'> & { http: Pick<Config['http'], 'publicUrl'> };
  db: Database;
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  telephony: TelephonyProvider;
  identity: Pick<AccountsService, 'emailsOf'>;
  /** Why a caller's seat cannot call: a suspended account is told so in words. */
  suspension: Pick<AccountsAdminService, 'isSuspendedMembership'>;
  ledger: Pick<LedgerService, 'capture' | 'release' | 'debit' | 'transfer'>;
  rates: Pick<RatesService, 'quote'>;
  inbox: Pick<InboxService, 'receive' | 'process' | 'requeueStale' | 'eventsByKeyPrefixes'>;
  guards: Pick<AuthGuards, 'requireUser' | 'requirePlatformAdmin'>;
  /** The account's own verified caller ID or company number, when it has one. */
  accountCallerId: (accountId: string) => Promise<string | null>;
}) {
  const { config, db, clock, telephony } = deps;
  const settings = config.calls;
  const api = `${config.http.publicUrl}/api`;
  const logger = deps.logger.child({ module: 'calls' });
  const metrics = createCallMetrics(deps.metrics);
  const policy = {
    maxMinutes: settings.maxMinutes,
    allowedCountries: settings.allowedCountries,
    blockedCountries: settings.blockedCountries,
    blockedPrefixes: settings.blockedPrefixes,
    blockPremiumNumbers: settings.blockPremiumNumbers,
    maxRateMicros: settings.maxRateMicros,
    dailyCapCents: settings.dailyCapCents,
    maxConcurrent: settings.maxConcurrent,
  };

  const assessor = createCallAssessor({ db, clock, rates: deps.rates, policy });
  const settlement = createSettlementService({ ...deps, logger, metrics });
  const jobs = callsJobs({ inbox: deps.inbox, settlement });
  const voice = createVoiceService({
    db,
    clock,
    logger,
    metrics,
    assessor,
    suspension: deps.suspension,
    accountCallerId: deps.accountCallerId,
    settings: {
      policy,
      ringTimeoutSeconds: settings.ringTimeoutSeconds,
      statusCallbackUrl: `${api}${WEBHOOK_PATHS.status}`,
      dialActionUrl: `${api}${WEBHOOK_PATHS.dialAction}`,
      defaultCallerId: telephony.defaultCallerId,
    },
  });
  const service = createCallsService({
    db,
    telephony,
    identity: deps.identity,
    suspension: deps.suspension,
    inbox: deps.inbox,
    applyEventJob: jobs.applyEvent,
    assessor,
    // A token lasts an hour and is refreshed before it ends; dozens a minute mean something is wrong.
    tokenLimit: createRateLimit(deps.pool, { name: 'call_token', points: 30, durationSeconds: 60 }),
    tokenTtlSeconds: settings.tokenTtlSeconds,
  });

  return {
    service,
    voice,
    settlement,
    routes: [
      callsRoutes({ service, guards: deps.guards }),
      callsAdminRoutes({ admin: createCallsAdminService({ db, inbox: deps.inbox }), guards: deps.guards }),
      webhookRoutes({ telephony, publicUrl: config.http.publicUrl, voice, service, metrics, logger }),
    ],
    jobs: Object.values(jobs),
    applyEventJob: jobs.applyEvent,
    sweepStaleJob: jobs.sweepStale,
  };
}
