import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/platform/http/http.types';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser-like client for `app.inject`: keeps cookies between requests and sends the CSRF token and a
 * same-origin `Origin` with every state-changing request, as the web app does.
 */
export function createHttpClient(app: App, options: { origin?: string; ip?: string } = {}) {
  const jar = new Map<string, string>();
  let csrfToken: string | undefined;

  function remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      expires?: Date;
      maxAge?: number;
    }[]) {
      const expired =
        cookie.value === '' ||
        (cookie.expires && cookie.expires.getTime() <= Date.now()) ||
        cookie.maxAge === 0;
      if (expired) jar.delete(cookie.name);
      else jar.set(cookie.name, cookie.value);
    }
  }

  async function request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
    if (method !== 'GET' && csrfToken === undefined) {
      const response = await send('GET', '/api/auth/csrf');
      csrfToken = response.json().token;
    }
    return send(method, url, body, headers);
  }

  async function send(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const inject: InjectOptions = {
      method,
      url,
      remoteAddress: options.ip ?? '127.0.0.1',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...(method !== 'GET' && options.origin ? { origin: options.origin } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    };
    const response = await app.inject(inject);
    remember(response);
    return response;
  }

  return {
    get: (url: string, headers?: Record<string, string>) => request('GET', url, undefined, headers),
    post: (url: string, body?: unknown, headers?: Record<string, string>) =>
      request('POST', url, body ?? {}, headers),
    put: (url: string, body?: unknown) => request('PUT', url, body ?? {}),
    patch: (url: string, body?: unknown) => request('PATCH', url, body ?? {}),
    delete: (url: string) => request('DELETE', url),
    cookies: jar,
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
