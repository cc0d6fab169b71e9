import type { ErrorCode } from '@mobayilo/contract';

/**
 * The one error type services throw. The HTTP layer maps `code` to a status through the contract's table
 * (contract/src/errors.ts); a code missing from it does not compile. `details` carries machine-readable
 * context (field errors, limits) and is sent to the client.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
