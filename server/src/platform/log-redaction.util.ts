import { stdSerializers } from 'pino';

const REDACTED = '[redacted]';

/** Paths whose next segment is a credential: emailed sign-in and reset links, sandbox Checkout pages. */
const tokenPathPrefixes = ['/magic/', '/reset/', '/sandbox/checkout/'];

/**
 * Any other long random-looking segment or value is taken for a credential too (a link added later must not
 * leak until someone lists it above); UUIDs are record ids, not secrets, and stay readable.
 */
const tokenLike = /^[A-Za-z0-9._~-]{32,}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const looksSecret = (value: string) => tokenLike.test(value) && !uuid.test(value);

/** Query parameters that carry a credential (a Checkout session id is the only key to its payment page). */
const tokenParams = new Set(['token', 'session', 'session_id', 'code', 'key', 'signature']);

/** A request URL as it may be logged: credentials in its path and query replaced by [redacted]. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  let path = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : url.slice(queryAt + 1);
  // Match on the decoded path too, so that /%6Dagic/<token> is redacted like /magic/<token>.
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Not valid percent-encoding: matched as written.
  }
  for (const prefix of tokenPathPrefixes) {
    if (decoded.toLowerCase().startsWith(prefix)) {
      path = `${prefix}${REDACTED}`;
      break;
    }
  }
  path = path
    .split('/')
    .map((segment) => (looksSecret(segment) ? REDACTED : segment))
    .join('/');
  if (!query) return path;
  const redactedQuery = query
    .split('&')
    .map((pair) => {
      const [name = '', value = ''] = pair.split('=');
      let key = name;
      try {
        key = decodeURIComponent(name);
      } catch {
        // Kept as written.
      }
      return tokenParams.has(key.toLowerCase()) || looksSecret(value) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${redactedQuery}`;
}

type LoggedRequest = {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  headers?: Record<string, unknown>;
};

/** The request as Fastify logs it ("incoming request"), with its URL redacted. */
export function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url ?? ''),
    host: request.host ?? request.headers?.host,
    remoteAddress: request.ip,
  };
}

/** Keys of driver and ORM errors that hold the values of a query (drizzle's `params`, PostgreSQL's `detail`). */
const valueKeys = new Set(['params', 'parameters', 'detail']);

/** drizzle writes a failed query's parameters into the message (and so the stack): "Failed query: …\nparams: …". */
function withoutParams(text: string): string {
  return text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, `\nparams: ${REDACTED}`);
}

/** PostgreSQL's data exceptions (SQLSTATE class 22) quote the value they refused: `invalid input syntax … "x"`. */
function quotedValues(error: Error): [string, string][] {
  const pairs: [string, string][] = [];
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code) && current.message.includes('"'))
      pairs.push([current.message, current.message.replace(/"[^"]*"/g, `"${REDACTED}"`)]);
    current = current.cause;
  }
  return pairs;
}

function scrub(value: unknown, depth: number, quoted: [string, string][]): unknown {
  if (typeof value === 'string')
    return quoted.reduce((text, [original, safe]) => text.replaceAll(original, safe), withoutParams(value));
  if (!value || typeof value !== 'object' || depth > 5) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1, quoted));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      valueKeys.has(key) ? REDACTED : scrub(item, depth + 1, quoted),
    ]),
  );
}

/**
 * An error as logged: pino's standard shape, with its cause's own fields (a PostgreSQL error's code and
 * constraint), and without the values a failed database query was given.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return scrub(withCauses(error, 0), 0, quotedValues(error));
}

function withCauses(error: Error, depth: number): Record<string, unknown> {
  const logged: Record<string, unknown> = { ...stdSerializers.err(error) };
  if (error.cause instanceof Error && depth < 3) logged.cause = withCauses(error.cause, depth + 1);
  return logged;
}
