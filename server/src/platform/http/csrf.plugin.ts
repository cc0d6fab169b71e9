import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors/app.errors';
import { sameSecret } from '../same-secret.util';
import type { App } from './http.types';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false for routes that authenticate otherwise: provider webhooks (signatures), public subscribe. */
    csrf?: boolean;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * Double-submit CSRF protection: `GET /api/auth/csrf` returns a random token and sets it as a cookie; every
 * state-changing request must echo it in `X-CSRF-Token`, and an `Origin` header, when sent, must be our
 * public origin. Otherwise 403 `csrf_failed`.
 */
export function registerCsrfProtection(
  app: App,
  options: { publicUrl: string; secureCookies: boolean },
): void {
  const cookieName = options.secureCookies ? '__Host-csrf' : 'csrf';
  const publicOrigin = new URL(options.publicUrl).origin;

  app.get(
    '/api/auth/csrf',
    {
      schema: {
        tags: ['auth'],
        summary: 'The token to send as X-CSRF-Token with every state-changing request',
        response: { 200: z.object({ token: z.string() }) },
      },
    },
    async (request, reply) => {
      const existing = request.cookies[cookieName];
      const token =
        existing && tokenPattern.test(existing) ? existing : randomBytes(32).toString('base64url');
      reply.setCookie(cookieName, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
        maxAge: 365 * 24 * 3600,
      });
      reply.header('cache-control', 'no-store');
      return { token };
    },
  );

  app.addHook('onRequest', async (request) => {
    if (safeMethods.has(request.method)) return;
    // Decided by the route the router matched, never by how the raw URL is spelt: every state-changing route
    // is checked unless it authenticates otherwise; an unmatched path changes nothing.
    if (!request.routeOptions.url || request.routeOptions.config.csrf === false) return;

    const origin = request.headers.origin;
    if (origin !== undefined && origin !== publicOrigin) {
      throw new AppError('csrf_failed', 'This request came from another site and was refused.');
    }
    const header = request.headers['x-csrf-token'];
    const cookie = request.cookies[cookieName];
    if (typeof header !== 'string' || !cookie || !sameSecret(header, cookie)) {
      throw new AppError(
        'csrf_failed',
        'Your session token is missing or stale. Reload the page and try again.',
      );
    }
  });
}
