import { statusResponseSchema } from '@mobayilo/contract';
import { z } from 'zod';
import { AppError } from '../errors/app.errors';
import type { Metrics } from '../metrics.adapter';
import { sameSecret } from '../same-secret.util';
import type { App } from './http.types';

export type HealthDeps = {
  checks: Record<string, () => Promise<boolean>>;
  metrics: Metrics;
  /** `open`: /metrics answers anyone (development); otherwise only `Authorization: Bearer <token>`. */
  metricsAccess: { token: string | null; open: boolean };
  status: z.infer<typeof statusResponseSchema>;
};

const readySchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.record(z.string(), z.enum(['ok', 'failing'])),
});

async function runCheck(check: () => Promise<boolean>): Promise<'ok' | 'failing'> {
  try {
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref());
    return (await Promise.race([check(), timeout])) ? 'ok' : 'failing';
  } catch {
    return 'failing';
  }
}

/** Liveness, readiness, Prometheus metrics and the public status of this instance. */
export function healthRoutes(deps: HealthDeps) {
  return async (app: App) => {
    app.get(
      '/healthz',
      // Probes ask every few seconds: routine, logged at debug only.
      { logLevel: 'debug', schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      { logLevel: 'debug', schema: { hide: true, response: { 200: readySchema, 503: readySchema } } },
      async (_req, reply) => {
        const names = Object.keys(deps.checks);
        const results = await Promise.all(
          names.map((name) => runCheck(deps.checks[name] as () => Promise<boolean>)),
        );
        const checks = Object.fromEntries(names.map((name, i) => [name, results[i] ?? 'failing']));
        const ready = results.every((result) => result === 'ok');
        return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
      },
    );

    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      const { token, open } = deps.metricsAccess;
      if (!open) {
        if (!token)
          throw new AppError(
            'not_found',
            'Metrics are turned off here. Set a metrics token in the server’s settings to read them.',
          );
        const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
        if (!given || !sameSecret(given, token)) {
          reply.header('www-authenticate', 'Bearer realm="metrics"');
          throw new AppError('unauthorized', 'Metrics need the bearer token from the server’s settings.');
        }
      }
      return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    });

    app.get(
      '/api/status',
      {
        schema: {
          tags: ['status'],
          summary: 'Which providers this instance uses; sandbox means no real calls or payments',
          response: { 200: statusResponseSchema },
        },
      },
      async () => deps.status,
    );
  };
}
