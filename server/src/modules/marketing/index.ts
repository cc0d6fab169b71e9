import type pg from 'pg';
import type { Config } from '../../config';
import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import type { AuthGuards } from '../../platform/http/auth.guards';
import { createRateLimit } from '../../platform/http/rate-limit.adapter';
import type { Logger } from '../../platform/logger.adapter';
import type { AuditRecorder } from '../audit';
import type { MailService } from '../mail';
import { subscribeRoutes } from './marketing.routes';
import { createMarketingService } from './marketing.service';
import { subscribersAdminRoutes } from './marketing-admin.routes';

export { marketingErrors } from './marketing.errors';
export type { Admission, BetaGate, MarketingService } from './marketing.service';

/** Early-access subscribers per IP address per hour: enough for a household or an office, not for a script. */
const SUBSCRIBES_PER_IP_PER_HOUR = 20;

export function createMarketingModule(deps: {
  config: Pick<Config, 'http' | 'identity' | 'marketing'>;
  db: Database;
  pool: pg.Pool;
  mail: Pick<MailService, 'send'>;
  clock: Clock;
  logger: Logger;
  audit: AuditRecorder;
}) {
  const { config } = deps;
  const service = createMarketingService({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    publicUrl: config.http.publicUrl,
    mail: deps.mail,
    audit: deps.audit,
    betaGate: config.marketing.betaGate,
    adminEmails: config.identity.adminEmails,
    subscribeByIp: createRateLimit(deps.pool, {
      name: 'subscribe_ip',
      points: SUBSCRIBES_PER_IP_PER_HOUR,
      durationSeconds: 3600,
    }),
  });
  return {
    service,
    /** The admin routes need identity's guards, which need the gate: mounted once both exist. */
    routes: (guards: Pick<AuthGuards, 'requirePlatformAdmin'>) => [
      subscribeRoutes({ marketing: service, origins: config.marketing.origins }),
      subscribersAdminRoutes({ marketing: service, guards }),
    ],
  };
}

export type MarketingModule = ReturnType<typeof createMarketingModule>;
