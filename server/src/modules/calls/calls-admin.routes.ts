import {
  adminCallDetailSchema,
  adminCallListQuerySchema,
  adminCallListResponseSchema,
} from '@mobayilo/contract';
import { z } from 'zod';
import type { AuthGuards } from '../../platform/http/auth.guards';
import type { App } from '../../platform/http/http.types';
import type { CallsAdminService } from './calls-admin.service';

/** Platform admins: every account's calls, searchable, and one call's story. */
export function callsAdminRoutes(deps: {
  admin: CallsAdminService;
  guards: Pick<AuthGuards, 'requirePlatformAdmin'>;
}) {
  const { admin, guards } = deps;
  return async (app: App) => {
    app.get(
      '/admin/calls',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'Calls newest first; q matches the dialled number, a CallSid or the account id',
          querystring: adminCallListQuerySchema,
          response: { 200: adminCallListResponseSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const { from, to, ...rest } = request.query;
        return admin.list({
          ...rest,
          from: from ? new Date(from) : undefined,
          to: to ? new Date(to) : undefined,
        });
      },
    );

    app.get(
      '/admin/calls/:id',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'A call with its status timeline and the provider events behind it',
          params: z.object({ id: z.uuid({ error: 'That call id is not valid' }) }),
          response: { 200: adminCallDetailSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return admin.detail(request.params.id);
      },
    );
  };
}
