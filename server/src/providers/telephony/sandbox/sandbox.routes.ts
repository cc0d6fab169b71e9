import {
  errorResponseSchema,
  sandboxCallSchema,
  sandboxDigitsBodySchema,
  sandboxStartCallBodySchema,
} from '@mobayilo/contract';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../../platform/clock.util';
import { AppError } from '../../../platform/errors/app.errors';
import type { App } from '../../../platform/http/http.types';
import type { SandboxTelephony } from './sandbox-telephony.adapter';

const callParams = z.object({ callSid: z.string().regex(/^CA[0-9a-f]{32}$/) });
const authorization = z.object({ authorization: z.string().optional() });

/**
 * The sandbox telephony's side of the browser: what Twilio's signalling does for the Voice SDK. The browser's
 * sandbox device authenticates with the access token from GET /api/calls/token, exactly as it would with
 * Twilio; registered only when telephony runs in sandbox mode.
 */
export function sandboxCallRoutes(sandbox: SandboxTelephony, clock: Clock) {
  function identityOf(request: FastifyRequest): string {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    const identity = token ? sandbox.identityOf(token, clock.now()) : null;
    if (!identity) throw new AppError('invalid_token', 'That access token is not valid. Please dial again.');
    return identity;
  }

  function found<T>(value: T | undefined): T {
    if (value === undefined) throw new AppError('not_found', 'There is no such call.');
    return value;
  }

  return async (app: App) => {
    const errors = { 401: errorResponseSchema, 404: errorResponseSchema, 422: errorResponseSchema };
    // The access token is checked before the body is read or validated, as a guard would be.
    app.addHook('onRequest', async (request) => void identityOf(request));

    app.post(
      '/sandbox/calls',
      {
        schema: {
          tags: ['sandbox'],
          summary: 'Place a call from the browser through the sandbox telephony',
          headers: authorization,
          body: sandboxStartCallBodySchema,
          response: { 201: sandboxCallSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await sandbox.calls.start(identityOf(request), request.body.to)),
    );

    app.get(
      '/sandbox/calls/:callSid',
      {
        // The browser polls its call every second: routine, logged at debug only.
        logLevel: 'debug',
        schema: {
          tags: ['sandbox'],
          summary: 'The progress of a sandbox call',
          headers: authorization,
          params: callParams,
          response: { 200: sandboxCallSchema, ...errors },
        },
      },
      async (request) => found(sandbox.calls.view(request.params.callSid, identityOf(request))),
    );

    app.post(
      '/sandbox/calls/:callSid/hangup',
      {
        schema: {
          tags: ['sandbox'],
          summary: 'Hang up a sandbox call',
          headers: authorization,
          params: callParams,
          response: { 200: sandboxCallSchema, ...errors },
        },
      },
      async (request) => found(sandbox.calls.hangUp(request.params.callSid, identityOf(request))),
    );

    app.post(
      '/sandbox/calls/:callSid/digits',
      {
        schema: {
          tags: ['sandbox'],
          summary: 'Send keypad tones during a sandbox call',
          headers: authorization,
          params: callParams,
          body: sandboxDigitsBodySchema,
          response: { 200: sandboxCallSchema, ...errors },
        },
      },
      async (request) =>
        found(sandbox.calls.sendDigits(request.params.callSid, identityOf(request), request.body.digits)),
    );
  };
}
