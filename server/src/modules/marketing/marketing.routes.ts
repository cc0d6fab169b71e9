import { subscribeBodySchema, subscribeResponseSchema } from '@mobayilo/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/http.types';
import type { MarketingService } from './marketing.service';

const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for the marketing site, on this route only: an allowed origin is echoed back (never `*`, never any
 * other origin), so that its early-access form can post here from the browser and read the answer.
 */
function corsFor(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (request: FastifyRequest, reply: FastifyReply): boolean => {
    reply.header('vary', 'Origin');
    const origin = request.headers.origin;
    if (!origin || !allowed.has(origin)) return false;
    reply.header('access-control-allow-origin', origin);
    return true;
  };
}

/** The public early-access API: no session, no CSRF token (nothing of a signed-in person is at stake). */
export function subscribeRoutes(deps: {
  marketing: Pick<MarketingService, 'subscribe'>;
  origins: readonly string[];
}) {
  const cors = corsFor(deps.origins);
  return async (app: App) => {
    app.options('/subscribe', { schema: { hide: true } }, async (request, reply) => {
      if (cors(request, reply)) {
        reply
          .header('access-control-allow-methods', 'POST')
          .header('access-control-allow-headers', 'content-type')
          .header('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
      }
      return reply.status(204).send();
    });

    app.post(
      '/subscribe',
      {
        config: { csrf: false },
        // Before validation, so that the marketing site can read a 422 or 429 too.
        onRequest: async (request, reply) => {
          cors(request, reply);
        },
        schema: {
          tags: ['marketing'],
          summary: 'Ask for early access: 201 for a new address, 200 with its status for a known one',
          body: subscribeBodySchema,
          response: { 200: subscribeResponseSchema, 201: subscribeResponseSchema },
        },
      },
      async (request, reply) => {
        const { status, created } = await deps.marketing.subscribe(request.body, request.ip ?? null);
        return reply.status(created ? 201 : 200).send({ status });
      },
    );
  };
}
