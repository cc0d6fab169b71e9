import type { ErrorResponse, FieldError } from '@mobayilo/contract';

/** An API error with the server's code, for branching, and its message, for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field errors keyed by field name ("body.email" → "email"). */
  get fieldErrors(): Record<string, string> {
    const fields = (this.details?.fields ?? []) as FieldError[];
    return Object.fromEntries(
      fields.map((field) => [field.path.split('.').slice(1).join('.'), field.message]),
    );
  }

  get retryAfterSeconds(): number | undefined {
    const value = this.details?.retryAfterSeconds;
    return typeof value === 'number' ? value : undefined;
  }
}

async function parseError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as ErrorResponse;
    return new ApiError(response.status, body.error.code, body.error.message, body.error.details);
  } catch {
    return new ApiError(
      response.status,
      'unexpected_response',
      `The server answered ${response.status}. Please try again.`,
    );
  }
}

let csrfToken: Promise<string> | undefined;

/** The token every state-changing request carries (X-CSRF-Token); fetched once, again when refused. */
function currentCsrfToken(): Promise<string> {
  csrfToken ??= fetch('/api/auth/csrf', { credentials: 'same-origin' })
    .then(async (response) => {
      if (!response.ok) throw await parseError(response);
      return ((await response.json()) as { token: string }).token;
    })
    .catch((error: unknown) => {
      csrfToken = undefined;
      throw error;
    });
  return csrfToken;
}

export type RequestOptions = {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra headers, e.g. the sandbox telephony's Authorization. */
  headers?: Record<string, string>;
};

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = await currentCsrfToken();
  try {
    return await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(
      0,
      'network_error',
      'We could not reach Mobayilo. Check your connection and try again.',
    );
  }
}

/** JSON requests to our own API, answering the parsed body or throwing an ApiError. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(path, options);
  if (response.status === 403 && options.method && options.method !== 'GET') {
    const error = await parseError(response.clone());
    if (error.code === 'csrf_failed') {
      csrfToken = undefined;
      response = await send(path, options);
    }
  }
  if (!response.ok) throw await parseError(response);
  if (response.status === 204 || response.status === 202) {
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return (await response.json()) as T;
}
