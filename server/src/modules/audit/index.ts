import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import type { AuthGuards } from '../../platform/http/auth.guards';
import { auditRoutes } from './audit.routes';
import { createAuditService } from './audit.service';

export type { Actor, AuditEntry, AuditEntryInput, AuditRecorder, AuditService } from './audit.service';

/** The audit log of admin actions: other modules record into it within their transactions; admins read it. */
export function createAuditModule(deps: { db: Database; clock: Clock }) {
  const service = createAuditService(deps);
  return {
    service,
    routes: (guards: Pick<AuthGuards, 'requirePlatformAdmin'>) => [auditRoutes({ audit: service, guards })],
  };
}

export type AuditModule = ReturnType<typeof createAuditModule>;
