import {
  adminAccountsResponseSchema,
  changeRoleBodySchema,
  domainConflictsResponseSchema,
  domainsResponseSchema,
  inviteSeatBodySchema,
  inviteSeatResponseSchema,
  memberSchema,
  membersResponseSchema,
  renameAccountBodySchema,
  setDomainsBodySchema,
} from '@mobayilo/contract';
import { z } from 'zod';
import type { AuthGuards } from '../../../platform/http/auth.guards';
import type { App } from '../../../platform/http/http.types';
import type { AccountsService } from '../accounts.service';
import type { createDomainClaimsAdmin } from '../domain-claims.service';
import { sessionOf } from './session.guards';

const memberParams = z.object({ id: z.uuid() });

/** The signed-in account's people and domains; changes are for its owners and admins. */
export function accountRoutes(deps: {
  accounts: AccountsService;
  domainClaims: ReturnType<typeof createDomainClaimsAdmin>;
  guards: AuthGuards;
}) {
  const { accounts, guards } = deps;
  return async (app: App) => {
    app.get(
      '/account/members',
      {
        onRequest: guards.requireAccountManager,
        schema: {
          tags: ['account'],
          summary: 'Members and allowed domains',
          response: { 200: membersResponseSchema },
        },
      },
      async (request) => accounts.listMembers(sessionOf(request)),
    );

    app.post(
      '/account/seats',
      {
        onRequest: guards.requireAccountManager,
        schema: {
          tags: ['account'],
          summary:
            'Add a seat and email them an invitation (someone who already uses Mobayilo joins on accepting)',
          body: inviteSeatBodySchema,
          response: { 201: inviteSeatResponseSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await accounts.inviteSeat(sessionOf(request), request.body.email)),
    );

    app.patch(
      '/account/members/:id',
      {
        onRequest: guards.requireAccountManager,
        schema: {
          tags: ['account'],
          summary: "Change a member's role",
          params: memberParams,
          body: changeRoleBodySchema,
          response: { 200: memberSchema },
        },
      },
      async (request) => accounts.changeRole(sessionOf(request), request.params.id, request.body.role),
    );

    app.delete(
      '/account/members/:id',
      {
        onRequest: guards.requireAccountManager,
        schema: {
          tags: ['account'],
          summary: 'Remove a member (their call history stays)',
          params: memberParams,
        },
      },
      async (request, reply) => {
        await accounts.removeMember(sessionOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.put(
      '/account/domains',
      {
        onRequest: guards.requireAccountManager,
        schema: {
          tags: ['account'],
          summary: 'Email domains whose new users join as seats',
          body: setDomainsBodySchema,
          response: { 200: domainsResponseSchema },
        },
      },
      async (request) => accounts.setDomains(sessionOf(request), request.body.domains),
    );

    app.put(
      '/account',
      {
        onRequest: guards.requireAccountManager,
        schema: { tags: ['account'], summary: 'Rename the account', body: renameAccountBodySchema },
      },
      async (request, reply) => {
        await accounts.rename(sessionOf(request), request.body.name);
        return reply.status(204).send();
      },
    );

    app.get(
      '/admin/accounts',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'Accounts by name, id or member email, newest first',
          querystring: z.object({
            q: z.string().trim().min(1).max(200).optional(),
            cursor: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(25),
          }),
          response: { 200: adminAccountsResponseSchema },
        },
      },
      async (request) => accounts.searchAccounts(request.query),
    );

    app.get(
      '/admin/domain-conflicts',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'Domains claimed by two companies with confirmed addresses, oldest first',
          response: { 200: domainConflictsResponseSchema },
        },
      },
      async () => deps.domainClaims.listConflicts(),
    );
  };
}
