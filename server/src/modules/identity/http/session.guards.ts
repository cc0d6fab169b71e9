import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors/app.errors';
import { type AuthGuards, asGuard } from '../../../platform/http/auth.guards';
import type { AuthenticatedSession, SessionsService } from '../sessions.service';

const resolved = new WeakMap<FastifyRequest, AuthenticatedSession | null>();

export type SessionCookie = {
  name: string;
  read(request: FastifyRequest): string | undefined;
  write(reply: FastifyReply, token: string, expiresAt: Date): void;
  clear(reply: FastifyReply): void;
};

export function sessionCookie(options: { secure: boolean }): SessionCookie {
  // __Host- pins the cookie to our exact origin (no Domain, Path=/, Secure), where https allows it.
  const name = options.secure ? '__Host-session' : 'session';
  const attributes = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.secure };
  return {
    name,
    read: (request) => request.cookies[name],
    write: (reply, token, expiresAt) => reply.setCookie(name, token, { ...attributes, expires: expiresAt }),
    clear: (reply) => reply.clearCookie(name, attributes),
  };
}

/**
 * The session behind a request, looked up once per request and only by routes that ask (webhooks never touch
 * the sessions table). Sets `request.principal` for the handlers.
 */
export function createSessionResolver(
  sessions: Pick<SessionsService, 'authenticate'>,
  cookie: SessionCookie,
) {
  return async function resolve(request: FastifyRequest): Promise<AuthenticatedSession | null> {
    if (resolved.has(request)) return resolved.get(request) ?? null;
    const token = cookie.read(request);
    const session = token ? await sessions.authenticate(token) : null;
    resolved.set(request, session);
    request.principal = session;
    return session;
  };
}

export type SessionResolver = ReturnType<typeof createSessionResolver>;

/** The session of a request that passed a guard. */
export function sessionOf(request: FastifyRequest): AuthenticatedSession {
  const session = resolved.get(request);
  if (!session) throw new AppError('unauthorized', 'Please sign in to continue.');
  return session;
}

export function originOf(request: FastifyRequest) {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent : null };
}

export function createGuards(resolve: SessionResolver): AuthGuards {
  return {
    requireUser: asGuard(async (request) => {
      if (!(await resolve(request))) throw new AppError('unauthorized', 'Please sign in to continue.');
    }),
    requireAccountManager: asGuard(async (request) => {
      const session = await resolve(request);
      if (!session) throw new AppError('unauthorized', 'Please sign in to continue.');
      if (session.membership.role === 'seat') {
        throw new AppError('forbidden', 'Only owners and admins of the account can do this.');
      }
    }),
    requirePlatformAdmin: asGuard(async (request) => {
      const session = await resolve(request);
      if (!session) throw new AppError('unauthorized', 'Please sign in to continue.');
      if (session.user.role !== 'admin')
        throw new AppError('forbidden', 'This is for Mobayilo administrators.');
    }),
  };
}
