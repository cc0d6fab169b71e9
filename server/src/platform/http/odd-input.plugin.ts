import { AppError } from '../errors/app.errors';
import type { App } from './http.types';

/**
 * A path that percent-encodes a letter, digit or one of `-._~` (RFC 3986's unreserved characters), or a NUL:
 * no browser or provider writes one, but the router decodes it, so `/%61pi/account` would reach
 * `/api/account` under a different spelling than every check that reads the raw URL.
 */
const encodedUnreserved = /%(?:[46][1-9a-f]|[57][0-9a]|5f|7e|3[0-9]|2[de]|00)/i;

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (!value || typeof value !== 'object' || depth > 20) return false;
  const entries = Array.isArray(value) ? value : Object.entries(value).flat();
  return entries.some((item) => containsNul(item, depth + 1));
}

/**
 * Input no route could mean, refused before any route sees it: oddly encoded paths (400 before routing
 * decides anything from them), and NUL characters in the query, path parameters or body (422: PostgreSQL
 * cannot store them in text, and no person types one).
 */
export function registerOddInputChecks(app: App): void {
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (encodedUnreserved.test(path)) {
      throw new AppError(
        'bad_request',
        'This address spells plain letters or digits as %-codes. Please use the address as it is written.',
      );
    }
  });
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [
      ['querystring', request.query],
      ['params', request.params],
      ['body', request.body],
    ] as const) {
      if (containsNul(value)) {
        throw new AppError(
          'validation_failed',
          'Text cannot contain NUL (\\u0000) characters. Please remove them and try again.',
          { fields: [{ path: where, message: 'contains a NUL character' }] },
        );
      }
    }
  });
}
