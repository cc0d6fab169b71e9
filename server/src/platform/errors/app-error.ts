/**
 * The one error type services throw. The HTTP layer maps `code` to a status through error-codes.ts;
 * `details` carries machine-readable context (field errors, limits) and is sent to the client.
 */
export class AppError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: Code, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
