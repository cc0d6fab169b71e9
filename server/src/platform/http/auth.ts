import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error';

/** Who is making a request: the signed-in user, the account they act for, and their role in it. */
export type Principal = {
  sessionId: string;
  user: { id: string; email: string; role: 'user' | 'admin' };
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

/** preHandlers that routes put in front of their handlers; the identity module implements them. */
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

/** The platform admin making a request, as the audit log names them. */
export function actorOf(request: FastifyRequest): { id: string; email: string } {
  const { user } = principalOf(request);
  return { id: user.id, email: user.email };
}
