import type pg from 'pg';
import type { Config } from '../../config';
import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import { createRateLimit } from '../../platform/http/rate-limit.adapter';
import type { JobQueue } from '../../platform/jobs/job-queue.adapter';
import type { Logger } from '../../platform/logger.adapter';
import type { AuditRecorder } from '../audit';
import type { HousekeepingTask } from '../housekeeping';
import type { MailService } from '../mail';
import type { BetaGate } from '../marketing';
import { createAccountsService } from './accounts.service';
import { createAccountsAdminService } from './accounts-admin.service';
import { createAddressProof, type UnprovenSetupDiscard } from './address-proof.service';
import { createAuthService } from './auth.service';
import { deleteNeverSignedIn, type MoneyHistory } from './cleanup.service';
import { createDomainClaimsAdmin } from './domain-claims.service';
import { accountRoutes } from './http/account.routes';
import { accountsAdminRoutes } from './http/accounts-admin.routes';
import { authRoutes } from './http/auth.routes';
import { deviceCookie } from './http/device-cookie.util';
import { createGuards, createSessionResolver, sessionCookie } from './http/session.guards';
import { identityJobs } from './identity.jobs';
import { knownDevicesRepository } from './known-devices.repository';
import { loginTokensRepository } from './login-tokens.repository';
import { createSessionsService } from './sessions.service';
import { createSignIns, KNOWN_DEVICE_MS } from './sign-ins.service';

export { requireConfirmedAddress } from './accounts.domain';
export type { AccountsService, Caller } from './accounts.service';
export type { AccountsAdminService } from './accounts-admin.service';
export type { AfterCommit, UnprovenSetupDiscard } from './address-proof.service';
export type { AuthService } from './auth.service';
export type { MoneyHistory } from './cleanup.service';

const HOUR = 3600;

export function createIdentityModule(deps: {
  config: Pick<Config, 'http' | 'identity' | 'telephony' | 'payments'>;
  db: Database;
  pool: pg.Pool;
  jobs: Pick<JobQueue, 'send'>;
  mail: Pick<MailService, 'send'>;
  clock: Clock;
  logger: Logger;
  moneyHistory: MoneyHistory;
  gate: BetaGate;
  audit: AuditRecorder;
}) {
  const { config, db, clock, logger } = deps;
  const publicUrl = config.http.publicUrl;
  const adminEmails = new Set(config.identity.adminEmails);

  const sessions = createSessionsService({
    db,
    clock,
    isPlatformAdmin: (email, role) => role === 'admin' || adminEmails.has(email),
  });
  const accounts = createAccountsService({ db, clock, logger, publicUrl, mail: deps.mail, sessions });
  const discards: UnprovenSetupDiscard[] = [];
  const proof = createAddressProof({ logger, sessions, discards });
  const signIns = createSignIns({ clock, sessions });
  const accountsAdmin = createAccountsAdminService({
    db,
    clock,
    logger,
    publicUrl,
    mail: deps.mail,
    audit: deps.audit,
  });
  const limit = (name: string, points: number, durationSeconds: number) =>
    createRateLimit(deps.pool, { name, points, durationSeconds });
  const jobs = identityJobs(() => auth);
  const auth = createAuthService(
    {
      db,
      clock,
      logger,
      publicUrl,
      jobs: deps.jobs,
      mail: deps.mail,
      sessions,
      signIns,
      proof,
      accounts,
      gate: deps.gate,
      limits: {
        signInByIp: limit('signin_ip', 30, 15 * 60),
        signInByEmail: limit('signin_email', 10, 15 * 60),
        signInByDevice: limit('signin_device', 10, 15 * 60),
        linkByEmail: limit('link_email', 5, HOUR),
        linkByIp: limit('link_ip', 30, HOUR),
        resetByEmail: limit('reset_email', 5, HOUR),
        resetByIp: limit('reset_ip', 30, HOUR),
      },
    },
    () => jobs,
  );

  const cookie = sessionCookie({ secure: config.http.secureCookies });
  const resolve = createSessionResolver(sessions, cookie);
  const guards = createGuards(resolve);
  const device = deviceCookie({ secure: config.http.secureCookies });
  const sandbox = config.telephony.kind === 'sandbox' || config.payments.kind === 'sandbox';

  const housekeeping: HousekeepingTask[] = [
    { name: 'identity.expired-sessions', run: (now) => sessions.deleteExpired(now) },
    {
      name: 'identity.expired-links',
      // Kept a day past expiry, so that an expired link still says "expired" rather than "invalid".
      run: (now) => loginTokensRepository.deleteExpiredBefore(db, new Date(now.getTime() - 86_400_000)),
    },
    {
      name: 'identity.known-devices',
      run: (now) => knownDevicesRepository.deleteUnusedSince(db, new Date(now.getTime() - KNOWN_DEVICE_MS)),
    },
    {
      name: 'identity.never-signed-in',
      run: (now) => deleteNeverSignedIn({ db, logger, moneyHistory: deps.moneyHistory }, now),
    },
  ];

  return {
    auth,
    accounts,
    accountsAdmin,
    sessions,
    guards,
    /**
     * Another module's share of what an unproven party set up on an account (payments: the saved card and
     * automatic top-up), discarded when the address's owner proves it another way than the confirmation.
     */
    onUnprovenSetupDiscarded(discard: UnprovenSetupDiscard) {
      discards.push(discard);
    },
    routes: [
      authRoutes({ auth, sessions, guards, resolve, cookie, device, sandbox }),
      accountRoutes({ accounts, domainClaims: createDomainClaimsAdmin({ db }), guards }),
      accountsAdminRoutes({ admin: accountsAdmin, guards }),
    ],
    jobs: Object.values(jobs),
    housekeeping,
  };
}

export type IdentityModule = ReturnType<typeof createIdentityModule>;
