import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import { assertGuardsRunFirst } from './platform/http/auth.guards';
import { registerCsrfProtection } from './platform/http/csrf.plugin';
import { registerErrorHandling, sendError } from './platform/http/error-handler.plugin';
import { healthRoutes } from './platform/http/health.routes';
import type { App, RoutePlugin } from './platform/http/http.types';
import { registerOddInputChecks } from './platform/http/odd-input.plugin';
import { requestIdFrom } from './platform/http/request-id.util';
import { registerSecurityHeaders } from './platform/http/security-headers.plugin';
import { registerSpa } from './platform/http/spa.plugin';
import type { Logger } from './platform/logger.adapter';
import type { Metrics } from './platform/metrics.adapter';

export type AppDeps = {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  /** Named checks behind /readyz, e.g. the database and the job queue. */
  readiness: Record<string, () => Promise<boolean>>;
  /** Each module's routes, mounted under /api. */
  routes: readonly RoutePlugin[];
  version: string;
};

/**
 * A hop count trusts the n addresses nearest to us (the server must be reachable only through those proxies);
 * Fastify's own numeric setting trusts nobody, so the count becomes a function.
 */
function trustedProxies(setting: number | string) {
  if (typeof setting === 'string') return setting;
  if (setting === 0) return false;
  return (_address: string, hop: number) => hop < setting;
}

/** The HTTP application: platform plugins, then each module's routes. Holds no global state. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, metrics } = deps;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    genReqId: requestIdFrom,
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For is believed only from the proxies TRUST_PROXY names; by default from nobody.
    trustProxy: trustedProxies(config.http.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
    // Refused below in our own error shape instead of Fastify's.
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorateRequest('principal', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRoute', assertGuardsRunFirst);

  // While shutting down, requests already running finish and their connections close after the answer;
  // new requests on kept-alive connections are refused, so that the server can stop without cutting anyone off.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) {
      reply.header('connection', 'close');
      return sendError(
        reply,
        'service_unavailable',
        'The server is restarting. Please try again in a moment.',
      );
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route };
    metrics.httpRequests.inc({ ...labels, status: String(reply.statusCode) });
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Mobayilo API', version: deps.version },
      servers: [{ url: config.http.publicUrl }],
    },
    transform: jsonSchemaTransform,
  });
  registerSecurityHeaders(app, { hsts: config.http.secureCookies });
  registerErrorHandling(app);
  registerOddInputChecks(app);
  await app.register(fastifyCookie);
  registerCsrfProtection(app, config.http);

  await app.register(
    healthRoutes({
      checks: deps.readiness,
      metrics,
      metricsAccess: config.metrics,
      status: {
        name: 'Mobayilo',
        version: deps.version,
        sandbox: config.telephony.kind === 'sandbox' || config.payments.kind === 'sandbox',
        betaGate: config.marketing.betaGate,
        providers: {
          telephony: config.telephony.kind,
          payments: config.payments.kind,
          mail: config.mail.smtpUrl ? 'smtp' : 'outbox',
        },
      },
    }),
  );

  for (const routes of deps.routes) {
    await app.register(routes, { prefix: '/api' });
  }

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await registerSpa(app, { distDir: config.web.distDir });
  return app;
}
