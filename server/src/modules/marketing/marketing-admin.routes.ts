import {
  inviteSubscribersBodySchema,
  inviteSubscribersResponseSchema,
  subscriberListQuerySchema,
  subscriberListResponseSchema,
  subscriberSchema,
  subscriberStatusSchema,
} from '@mobayilo/contract';
import { z } from 'zod';
import { type AuthGuards, actorOf } from '../../platform/http/auth.guards';
import type { App } from '../../platform/http/http.types';
import type { MarketingService } from './marketing.service';
import { subscribersCsvHeader, subscribersCsvLines } from './subscribers-csv.mapper';

const idParams = z.object({ id: z.uuid({ error: 'That subscriber id is not valid' }) });

/** Platform admins work through the waitlist: list, search, invite, export, delete. */
export function subscribersAdminRoutes(deps: {
  marketing: Pick<MarketingService, 'list' | 'exportAll' | 'invite' | 'inviteMany' | 'remove'>;
  guards: Pick<AuthGuards, 'requirePlatformAdmin'>;
}) {
  const { marketing, guards } = deps;
  return async (app: App) => {
    app.get(
      '/admin/subscribers',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'The waitlist, newest first; filter by status, search by address or source',
          querystring: subscriberListQuerySchema,
          response: { 200: subscriberListResponseSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return marketing.list(request.query);
      },
    );

    app.get(
      '/admin/subscribers.csv',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'Every subscriber matching the filter, as CSV',
          querystring: z.object({
            status: subscriberStatusSchema.optional(),
            q: z.string().trim().max(254).optional(),
          }),
        },
      },
      async (request, reply) => {
        let csv = subscribersCsvHeader;
        for await (const batch of marketing.exportAll(request.query)) csv += subscribersCsvLines(batch);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="mobayilo-subscribers.csv"')
          .header('cache-control', 'no-store')
          .send(csv);
      },
    );

    app.post(
      '/admin/subscribers/invite',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'Invite several subscribers at once (those who have joined are left out)',
          body: inviteSubscribersBodySchema,
          response: { 200: inviteSubscribersResponseSchema },
        },
      },
      async (request) => marketing.inviteMany(request.body.ids, actorOf(request)),
    );

    app.post(
      '/admin/subscribers/:id/invite',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'Email a subscriber an invitation to sign up',
          params: idParams,
          response: { 200: subscriberSchema },
        },
      },
      async (request) => marketing.invite(request.params.id, actorOf(request)),
    );

    app.delete(
      '/admin/subscribers/:id',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: { tags: ['admin'], summary: 'Remove an address from the waitlist', params: idParams },
      },
      async (request, reply) => {
        await marketing.remove(request.params.id, actorOf(request));
        return reply.status(204).send();
      },
    );
  };
}
