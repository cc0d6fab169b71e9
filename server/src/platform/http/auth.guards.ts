import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app.errors';

/** Who is making a request: the signed-in user, the account they act for, and their role in it. */
export type Principal = {
  sessionId: string;
  /** `confirmed`: the person has proven they own the address (used a link sent to it). */
  user: { id: string; email: string; role: 'user' | 'admin'; confirmed: boolean };
  account: { id: string; kind: 'individual' | 'company'; name: string };
  membership: { id: string; role: 'owner' | 'admin' | 'seat' };
};

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the identity module from the session cookie; null when signed out. */
    principal: Principal | null;
  }
}

export type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * `onRequest` hooks that routes put in front of their handlers, so that who may call a route is decided before
 * its body is read or validated; the identity module implements them (through `asGuard`).
 */
export type AuthGuards = {
  /** 401 `unauthorized` unless signed in. */
  requireUser: Guard;
  /** 403 `forbidden` unless an owner or admin of the account. */
  requireAccountManager: Guard;
  /** 403 `forbidden` unless a platform admin (role admin, or listed in ADMIN_EMAILS). */
  requirePlatformAdmin: Guard;
};

/** The principal of a request that passed a guard. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthorized', 'Please sign in first.');
  return request.principal;
}

const guards = new WeakSet<Guard>();

/** Marks a function as an authentication or role guard, which buildApp allows only as an `onRequest` hook. */
export function asGuard(guard: Guard): Guard {
  guards.add(guard);
  return guard;
}

type RouteHooks = {
  url: string;
  method: string | string[];
  preParsing?: unknown;
  preValidation?: unknown;
  preHandler?: unknown;
};

/**
 * Refuses to register a route that runs a guard after the body is read: as `preParsing`, `preValidation` or
 * `preHandler`, an anonymous caller could make the server read a large body, or learn from a 422 what the
 * route accepts, before being told to sign in.
 */
export function assertGuardsRunFirst(route: RouteHooks): void {
  for (const hook of ['preParsing', 'preValidation', 'preHandler'] as const) {
    const value = route[hook];
    const hooks = Array.isArray(value) ? value : [value];
    if (hooks.some((fn) => typeof fn === 'function' && guards.has(fn as Guard))) {
      throw new Error(
        `${String(route.method)} ${route.url}: run its guard as onRequest, not ${hook}, so that who may call it is checked before its body is read`,
      );
    }
  }
}

/** The platform admin making a request, as the audit log names them. */
export function actorOf(request: FastifyRequest): { id: string; email: string } {
  const { user } = principalOf(request);
  return { id: user.id, email: user.email };
}
