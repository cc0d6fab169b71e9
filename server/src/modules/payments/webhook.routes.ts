import { webhookAckSchema } from '@mobayilo/contract';
import type { App } from '../../platform/http/http.types';
import type { Webhooks } from './webhooks.service';

/**
 * `POST /api/webhooks/stripe`, authenticated by its signature instead of a session or CSRF token. The body is
 * kept raw (a scope with its own content type parser): the signature covers the exact bytes Stripe sent.
 */
export function webhookRoutes(deps: { webhooks: Webhooks }) {
  return async (app: App) => {
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.post(
        '/webhooks/stripe',
        {
          config: { csrf: false },
          schema: {
            tags: ['webhooks'],
            summary: 'Stripe events: verified, stored once, applied by a job',
            response: { 200: webhookAckSchema },
          },
        },
        async (request) => {
          const signature = request.headers['stripe-signature'];
          const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const { duplicate } = await deps.webhooks.receive(
            raw,
            typeof signature === 'string' ? signature : undefined,
          );
          return { received: true as const, duplicate };
        },
      );
    });
  };
}
