import {
  changePasswordBodySchema,
  emailEntryBodySchema,
  emailEntryResponseSchema,
  forgotPasswordBodySchema,
  magicLinkBodySchema,
  magicLinkResponseSchema,
  meResponseSchema,
  resetPasswordBodySchema,
  sessionListResponseSchema,
  signInBodySchema,
  signUpBodySchema,
} from '@mobayilo/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../platform/errors/app.errors';
import type { AuthGuards } from '../../../platform/http/auth.guards';
import type { App } from '../../../platform/http/http.types';
import type { AuthService } from '../auth.service';
import type { AuthenticatedSession, SessionsService } from '../sessions.service';
import type { StartedSession } from '../sign-ins.service';
import type { DeviceCookie } from './device-cookie.util';
import { originOf, type SessionCookie, type SessionResolver, sessionOf } from './session.guards';

export type AuthRoutesDeps = {
  auth: AuthService;
  sessions: Pick<SessionsService, 'authenticate' | 'list' | 'endByPublicId'>;
  guards: AuthGuards;
  resolve: SessionResolver;
  cookie: SessionCookie;
  device: DeviceCookie;
  sandbox: boolean;
};

const accepted = {
  status: 'sent' as const,
  message: 'Check your inbox: if the address can sign in, a link is on its way.',
};

export function toMe(session: AuthenticatedSession, sandbox: boolean) {
  return {
    user: { ...session.user, hasPassword: session.hasPassword, confirmed: session.user.confirmed },
    account: session.account,
    membership: { role: session.membership.role },
    sandbox,
  };
}

export function authRoutes(deps: AuthRoutesDeps) {
  const { auth, cookie, guards } = deps;

  /** Where a sign-in comes from: the IP, the browser and its known-device cookie. */
  const signInOrigin = (request: FastifyRequest) => ({
    ...originOf(request),
    deviceToken: deps.device.read(request),
  });

  /** Sets the cookies of a session just started and answers who is now signed in. */
  async function signedIn(reply: FastifyReply, session: StartedSession) {
    cookie.write(reply, session.token, session.expiresAt);
    deps.device.write(reply, session.deviceToken, new Date());
    const principal = await deps.sessions.authenticate(session.token);
    if (!principal) throw new AppError('internal_error', 'The new session could not be read back.');
    return toMe(principal, deps.sandbox);
  }

  return async (app: App) => {
    app.post(
      '/auth/signup',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign up with a password',
          body: signUpBodySchema,
          response: { 201: meResponseSchema },
        },
      },
      async (request, reply) => {
        const session = await auth.signUp(request.body, signInOrigin(request));
        return reply.status(201).send(await signedIn(reply, session));
      },
    );

    app.post(
      '/auth/signin',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in with a password',
          body: signInBodySchema,
          response: { 200: meResponseSchema },
        },
      },
      async (request, reply) => signedIn(reply, await auth.signIn(request.body, signInOrigin(request))),
    );

    app.post(
      '/auth/signout',
      { schema: { tags: ['auth'], summary: 'End this session' } },
      async (request, reply) => {
        const session = await deps.resolve(request);
        if (session) await auth.signOut(session.tokenHash);
        cookie.clear(reply);
        return reply.status(204).send();
      },
    );

    app.post(
      '/auth/email',
      {
        schema: {
          tags: ['auth'],
          summary: 'Email-first entry: sends a sign-in link (the answer is the same for every address)',
          body: emailEntryBodySchema,
          response: { 202: emailEntryResponseSchema },
        },
      },
      async (request, reply) => {
        await auth.requestEmailEntry(request.body.email, originOf(request));
        return reply.status(202).send(accepted);
      },
    );

    app.post(
      '/auth/magic',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in with the token of a magic link or seat invitation',
          body: magicLinkBodySchema,
          response: { 200: magicLinkResponseSchema },
        },
      },
      async (request, reply) => {
        const result = await auth.consumeLink(
          request.body.token,
          cookie.read(request),
          signInOrigin(request),
        );
        return { ...(await signedIn(reply, result)), signedOutEmail: result.signedOutEmail };
      },
    );

    app.post(
      '/auth/magic/resend',
      {
        schema: {
          tags: ['auth'],
          summary: 'Send a fresh link to the owner of an expired or used link',
          body: magicLinkBodySchema,
          response: { 202: emailEntryResponseSchema },
        },
      },
      async (request, reply) => {
        await auth.resendLink(request.body.token, originOf(request));
        return reply.status(202).send(accepted);
      },
    );

    app.post(
      '/auth/confirm/resend',
      {
        onRequest: guards.requireUser,
        schema: {
          tags: ['auth'],
          summary:
            'Email a new confirmation link to the signed-in person, if their address is not proven yet',
          response: { 202: emailEntryResponseSchema },
        },
      },
      async (request, reply) => {
        await auth.resendConfirmation(sessionOf(request), originOf(request));
        return reply.status(202).send({
          status: 'sent' as const,
          message: 'A new confirmation link is on its way. Check your inbox.',
        });
      },
    );

    app.post(
      '/auth/password/forgot',
      {
        schema: {
          tags: ['auth'],
          summary: 'Email a password reset link (the answer is the same for every address)',
          body: forgotPasswordBodySchema,
          response: { 202: emailEntryResponseSchema },
        },
      },
      async (request, reply) => {
        await auth.requestPasswordReset(request.body.email, originOf(request));
        return reply.status(202).send(accepted);
      },
    );

    app.post(
      '/auth/password/reset',
      {
        schema: {
          tags: ['auth'],
          summary: 'Choose a new password with a reset link; other sessions end',
          body: resetPasswordBodySchema,
          response: { 200: meResponseSchema },
        },
      },
      async (request, reply) =>
        signedIn(
          reply,
          await auth.resetPassword(request.body.token, request.body.password, signInOrigin(request)),
        ),
    );

    app.post(
      '/auth/password',
      {
        onRequest: guards.requireUser,
        schema: {
          tags: ['auth'],
          summary: 'Set or change your password; other sessions end',
          body: changePasswordBodySchema,
        },
      },
      async (request, reply) => {
        await auth.changePassword(sessionOf(request), request.body);
        return reply.status(204).send();
      },
    );

    app.get(
      '/auth/sessions',
      {
        onRequest: guards.requireUser,
        schema: {
          tags: ['auth'],
          summary: 'Your active sessions',
          response: { 200: sessionListResponseSchema },
        },
      },
      async (request) => {
        const session = sessionOf(request);
        return { items: await deps.sessions.list(session.user.id, session.tokenHash) };
      },
    );

    app.delete(
      '/auth/sessions/:id',
      {
        onRequest: guards.requireUser,
        schema: { tags: ['auth'], summary: 'End one of your sessions', params: z.object({ id: z.uuid() }) },
      },
      async (request, reply) => {
        const session = sessionOf(request);
        const ended = await deps.sessions.endByPublicId(session.user.id, request.params.id);
        if (!ended) throw new AppError('not_found', 'That session has already ended.');
        if (request.params.id === session.sessionId) cookie.clear(reply);
        return reply.status(204).send();
      },
    );

    app.get(
      '/me',
      {
        onRequest: guards.requireUser,
        schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: meResponseSchema } },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return toMe(sessionOf(request), deps.sandbox);
      },
    );
  };
}
