import {
  accountStatusChangeBodySchema,
  accountStatusChangeResponseSchema,
  adminAccountMembersResponseSchema,
  adminUserListQuerySchema,
  adminUserListResponseSchema,
  endSessionsBodySchema,
  endSessionsResponseSchema,
  sendSignInLinkBodySchema,
} from '@mobayilo/contract';
import { z } from 'zod';
import { type AuthGuards, actorOf } from '../../../platform/http/auth.guards';
import type { App } from '../../../platform/http/http.types';
import type { AccountsAdminService } from '../accounts-admin.service';

const accountParams = z.object({ id: z.uuid({ error: 'That account id is not valid' }) });
const userParams = z.object({ id: z.uuid({ error: 'That user id is not valid' }) });

/**
 * Platform admins act on accounts and people: suspend and unsuspend accounts, find people, email a sign-in
 * link, end every session of a person. Each action is audited.
 */
export function accountsAdminRoutes(deps: {
  admin: Pick<
    AccountsAdminService,
    'suspend' | 'unsuspend' | 'searchUsers' | 'sendSignInLink' | 'endSessions' | 'membersOf'
  >;
  guards: Pick<AuthGuards, 'requirePlatformAdmin'>;
}) {
  const { admin, guards } = deps;
  return async (app: App) => {
    for (const action of ['suspend', 'unsuspend'] as const) {
      app.post(
        `/admin/accounts/:id/${action}`,
        {
          onRequest: guards.requirePlatformAdmin,
          schema: {
            tags: ['admin'],
            summary:
              action === 'suspend'
                ? 'Suspend an account: its members can no longer get a call token or place a call'
                : 'Lift the suspension of an account',
            params: accountParams,
            body: accountStatusChangeBodySchema,
            response: { 200: accountStatusChangeResponseSchema },
          },
        },
        async (request) => admin[action](request.params.id, actorOf(request), request.body.reason),
      );
    }

    app.get(
      '/admin/accounts/:id/members',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: "An account's members, removed ones included",
          params: accountParams,
          response: { 200: adminAccountMembersResponseSchema },
        },
      },
      async (request) => admin.membersOf(request.params.id),
    );

    app.get(
      '/admin/users',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'People by email, email domain or account (company) name, newest first',
          querystring: adminUserListQuerySchema,
          response: { 200: adminUserListResponseSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return admin.searchUsers(request.query);
      },
    );

    app.post(
      '/admin/users/:id/sign-in-link',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'Email the person a fresh sign-in link',
          params: userParams,
          body: sendSignInLinkBodySchema,
        },
      },
      async (request, reply) => {
        await admin.sendSignInLink(request.params.id, actorOf(request), request.body.reason || null);
        return reply.status(204).send();
      },
    );

    app.post(
      '/admin/users/:id/sessions/end',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'Sign the person out everywhere, with a reason',
          params: userParams,
          body: endSessionsBodySchema,
          response: { 200: endSessionsResponseSchema },
        },
      },
      async (request) => admin.endSessions(request.params.id, actorOf(request), request.body.reason),
    );
  };
}
