import { auditListQuerySchema, auditListResponseSchema } from '@mobayilo/contract';
import type { AuthGuards } from '../../platform/http/auth.guards';
import type { App } from '../../platform/http/http.types';
import type { AuditService } from './audit.service';

/** Platform admins read the audit log; nobody writes it over HTTP. */
export function auditRoutes(deps: {
  audit: Pick<AuditService, 'list'>;
  guards: Pick<AuthGuards, 'requirePlatformAdmin'>;
}) {
  const { audit, guards } = deps;
  return async (app: App) => {
    app.get(
      '/admin/audit',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'Every admin action, newest first; search by action, target, reason or admin',
          querystring: auditListQuerySchema,
          response: { 200: auditListResponseSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return audit.list(request.query);
      },
    );
  };
}
