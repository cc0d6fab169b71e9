import { type ErrorCode, errorStatusByCode, type FieldError } from '@mobayilo/contract';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAppError } from '../errors/app-error';
import type { App } from './types';

export function sendError(
  reply: FastifyReply,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): FastifyReply {
  const status = errorStatusByCode[code as ErrorCode] ?? 400;
  // Errors have one shape everywhere; a route's own response schema for this status must not reshape them.
  return reply
    .status(status)
    .serializer((payload: unknown) => JSON.stringify(payload))
    .send({
      error: { code, message, requestId: String(reply.request.id), ...(details ? { details } : {}) },
    });
}

/** Fastify's own 4xx errors (malformed JSON, body too large, wrong content type) keep their status. */
const codeByStatus: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

function fieldErrors(error: FastifyError & { validation: { instancePath: string; message?: string }[] }) {
  const where = error.validationContext ?? 'body';
  return error.validation.map(
    (issue): FieldError => ({
      path: [where, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'is invalid',
    }),
  );
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = fieldErrors(error);
    const first = fields[0];
    return sendError(
      reply,
      'validation_failed',
      first
        ? `Please check ${first.path.split('.').slice(1).join('.') || 'the request'}: ${first.message}`
        : 'Invalid request',
      { fields },
    );
  }
  if (isAppError(error)) {
    const retryAfter = error.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return sendError(reply, error.code, error.message, error.details);
  }
  const status = error.statusCode ?? 500;
  const mapped = codeByStatus[status];
  if (status < 500 && mapped) {
    request.log.info({ err: error }, 'request refused');
    return sendError(reply, mapped, error.message);
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, 'internal_error', 'Something went wrong on our side. Please try again.');
}

export function registerErrorHandling(app: App): void {
  app.setErrorHandler(handleError);
}
