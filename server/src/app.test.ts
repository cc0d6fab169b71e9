import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient } from '../test/support/http-client';
import { buildApp } from './app';
import { loadConfig } from './config';
import { AppError } from './platform/errors/app.errors';
import { asGuard } from './platform/http/auth.guards';
import type { App } from './platform/http/http.types';
import { createLogger } from './platform/logger.adapter';
import { createMetrics } from './platform/metrics.adapter';

async function exampleRoutes(app: App) {
  app.post(
    '/examples',
    {
      schema: {
        tags: ['examples'],
        body: z.object({ name: z.string().min(2), amountCents: z.number().int().positive() }),
        response: { 201: z.object({ name: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ name: request.body.name, secret: 'never sent' } as never),
  );
  app.get('/examples/conflict', async () => {
    throw new AppError('conflict', 'That example already exists', { id: 7 });
  });
  app.get('/examples/crash', async () => {
    throw new Error('database password is hunter2');
  });
}

async function build(readiness: Record<string, () => Promise<boolean>> = { database: async () => true }) {
  return buildApp({
    config: loadConfig({ NODE_ENV: 'test', WEB_DIST_DIR: '/nonexistent' }),
    logger: createLogger({ log: { level: 'silent' } }),
    metrics: createMetrics(),
    readiness,
    routes: [exampleRoutes],
    version: '1.2.3',
  });
}

describe('buildApp', () => {
  it('answers a schema failure with 422 and the failing fields', async () => {
    const app = await build();
    const response = await createHttpClient(app).post('/api/examples', { name: 'x', amountCents: 1.5 });
    expect(response.statusCode).toBe(422);
    const { error } = response.json();
    expect(error.code).toBe('validation_failed');
    expect(error.details.fields.map((field: { path: string }) => field.path).sort()).toEqual([
      'body.amountCents',
      'body.name',
    ]);
    expect(error.requestId).toBe(response.headers['x-request-id']);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const app = await build();
    const response = await createHttpClient(app).post('/api/examples', '{"name": ', {
      'content-type': 'application/json',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('bad_request');
  });

  it('answers an unsupported content type with 415', async () => {
    const app = await build();
    const response = await createHttpClient(app).post('/api/examples', '<x/>', {
      'content-type': 'application/xml',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });

  it('sends only the fields the response schema declares', async () => {
    const app = await build();
    const response = await createHttpClient(app).post('/api/examples', { name: 'Ada', amountCents: 5 });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ name: 'Ada' });
  });

  it('maps an AppError code to its status and keeps its details', async () => {
    const app = await build();
    const response = await app.inject({ method: 'GET', url: '/api/examples/conflict' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'conflict', details: { id: 7 } });
  });

  it('hides the cause of an unexpected error behind a generic 500', async () => {
    const app = await build();
    const response = await app.inject({ method: 'GET', url: '/api/examples/crash' });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('internal_error');
    expect(response.body).not.toContain('hunter2');
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const app = await build();
    const response = await app.inject({ method: 'DELETE', url: '/api/nothing/here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('keeps a sane incoming request id and replaces an unsafe one', async () => {
    const app = await build();
    const kept = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'edge-42.a' },
    });
    expect(kept.headers['x-request-id']).toBe('edge-42.a');
    const replaced = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\n' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports readiness per check and 503 when one fails', async () => {
    const app = await build({ database: async () => true, jobs: async () => false });
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable', checks: { database: 'ok', jobs: 'failing' } });
  });

  it('counts requests for Prometheus', async () => {
    const app = await build();
    await app.inject({ method: 'GET', url: '/healthz' });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} 1/);
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
  });

  it('sends a content security policy that admits the Twilio Voice SDK and nothing else foreign', async () => {
    const app = await build();
    const csp = String(
      (await app.inject({ method: 'GET', url: '/healthz' })).headers['content-security-policy'],
    );
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/connect-src 'self' wss:\/\/\*\.twilio\.com/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('sends the same security headers on an error answer as on a success', async () => {
    const app = await build();
    for (const url of ['/healthz', '/api/no-such-route']) {
      const { headers } = await app.inject({ method: 'GET', url });
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(headers['permissions-policy']).toBe('microphone=(self), camera=(), geolocation=(), payment=()');
      expect(headers['content-security-policy']).toContain("object-src 'none'");
      // Served over plain HTTP here: no HSTS, and no upgrade of the page's requests.
      expect(headers['strict-transport-security']).toBeUndefined();
      expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    }
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const app = await build();
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(document.info.version).toBe('1.2.3');
    expect(
      document.paths['/api/examples'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['name', 'amountCents']);
    expect(document.paths['/api/status']).toBeDefined();
    expect(document.paths['/healthz']).toBeUndefined();
  });

  it('tells the web app which providers are simulated and whether the beta gate is on', async () => {
    const app = await build();
    expect((await app.inject({ method: 'GET', url: '/api/status' })).json()).toEqual({
      name: 'Mobayilo',
      version: '1.2.3',
      sandbox: true,
      betaGate: false,
      providers: { telephony: 'sandbox', payments: 'sandbox', mail: 'outbox' },
    });
  });

  it('refuses to register a route whose guard would run after its body is read', async () => {
    const guard = asGuard(async () => {});
    const late = async (app: App) => {
      app.post('/late', { preHandler: guard }, async () => ({}));
    };
    const early = async (app: App) => {
      app.post('/early', { onRequest: guard }, async () => ({}));
    };
    const withRoutes = (routes: ((app: App) => Promise<void>)[]) =>
      buildApp({
        config: loadConfig({ NODE_ENV: 'test', WEB_DIST_DIR: '/nonexistent' }),
        logger: createLogger({ log: { level: 'silent' } }),
        metrics: createMetrics(),
        readiness: {},
        routes,
        version: 'test',
      });
    await expect(withRoutes([late])).rejects.toThrow(/POST \/api\/late: run its guard as onRequest/);
    await expect(withRoutes([early])).resolves.toBeDefined();
  });
});
