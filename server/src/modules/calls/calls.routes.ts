import {
  callIdParamsSchema,
  callItemSchema,
  callQuoteQuerySchema,
  callQuoteResponseSchema,
  callsQuerySchema,
  callsResponseSchema,
  callTokenResponseSchema,
  errorResponseSchema,
  recentNumbersResponseSchema,
} from '@mobayilo/contract';
import { type AuthGuards, principalOf } from '../../platform/http/auth.guards';
import type { App } from '../../platform/http/http.types';
import type { CallsService } from './calls.service';

/** The signed-in caller's calls: a token for the browser's phone, prices before calling, history. */
export function callsRoutes(deps: { service: CallsService; guards: Pick<AuthGuards, 'requireUser'> }) {
  const { service, guards } = deps;
  return async (app: App) => {
    const refusals = { 401: errorResponseSchema, 422: errorResponseSchema };

    app.get(
      '/calls/token',
      {
        onRequest: guards.requireUser,
        schema: {
          tags: ['calls'],
          summary: "An access token for the browser's phone",
          response: {
            200: callTokenResponseSchema,
            409: errorResponseSchema,
            429: errorResponseSchema,
            ...refusals,
          },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return service.issueToken(principalOf(request));
      },
    );

    app.get(
      '/calls/quote',
      {
        onRequest: guards.requireUser,
        schema: {
          tags: ['calls'],
          summary: 'What calling a number costs per minute, and for how many minutes the caller can call it',
          querystring: callQuoteQuerySchema,
          response: { 200: callQuoteResponseSchema, ...refusals },
        },
      },
      async (request) => service.quote(principalOf(request), request.query),
    );

    app.get(
      '/calls',
      {
        onRequest: guards.requireUser,
        schema: {
          tags: ['calls'],
          summary: 'Calls, newest first: the whole account’s for company owners and admins, else your own',
          querystring: callsQuerySchema,
          response: { 200: callsResponseSchema, ...refusals },
        },
      },
      async (request) => service.list(principalOf(request), request.query),
    );

    app.post(
      '/calls/:id/hangup',
      {
        onRequest: guards.requireUser,
        schema: {
          tags: ['calls'],
          summary: 'Hang up one of your own calls (after a reload, when the browser no longer holds it)',
          params: callIdParamsSchema,
          response: { 200: callItemSchema, 404: errorResponseSchema, 502: errorResponseSchema, ...refusals },
        },
      },
      async (request) => service.hangUp(principalOf(request), request.params.id),
    );

    app.get(
      '/calls/recent',
      {
        onRequest: guards.requireUser,
        schema: {
          tags: ['calls'],
          summary: 'The last ten distinct numbers you called',
          response: { 200: recentNumbersResponseSchema, 401: errorResponseSchema },
        },
      },
      async (request) => service.recentNumbers(principalOf(request)),
    );
  };
}
