import {
  type ErrorCode,
  errorStatusByCode,
  type FieldError,
  isPersonWording,
  personMessage,
} from '@mobayilo/contract';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAppError } from '../errors/app.errors';
import type { App } from './http.types';

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): FastifyReply {
  const status = errorStatusByCode[code];
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

/** Fastify's own refusals in words, for when its message is written for developers. */
const messageByCode: Partial<Record<ErrorCode, string>> = {
  bad_request: 'The request could not be read. Reload the page and try again.',
  unauthorized: 'Sign in to continue.',
  forbidden: 'You don’t have access to this.',
  not_found: 'Nothing was found here. Check the address.',
  method_not_allowed: 'That action isn’t available here.',
  conflict: 'That changed in the meantime. Reload the page and try again.',
  payload_too_large: 'That is too large to send. Try a smaller file.',
  unsupported_media_type: 'That kind of file or request isn’t supported.',
  rate_limited: 'Too many tries. Wait a moment and try again.',
};

/** Each refused field, its path for programs and its message in words (the first one is the error's message). */
function fieldErrors(error: FastifyError & { validation: { instancePath: string; message?: string }[] }) {
  const where = error.validationContext ?? 'body';
  return error.validation.map((issue): FieldError => {
    const keys = issue.instancePath.split('/').filter(Boolean);
    return { path: [where, ...keys].join('.'), message: personMessage(keys, issue.message) };
  });
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = fieldErrors(error);
    const first = fields[0];
    return sendError(reply, 'validation_failed', first?.message ?? 'Check what you entered and try again.', {
      fields,
    });
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
    const message = isPersonWording(error.message) ? error.message : (messageByCode[mapped] ?? error.message);
    return sendError(reply, mapped, message);
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, 'internal_error', 'Something went wrong on our side. Please try again.');
}

export function registerErrorHandling(app: App): void {
  app.setErrorHandler(handleError);
}
