import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../test/support/accounts';
import { addSeat, newCaller } from '../test/support/calls';
import { createHttpClient, type HttpClient } from '../test/support/http-client';
import { createTestApp, type TestApp } from '../test/support/test-app';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Every admin route of the OpenAPI document, with its path parameters filled in. */
async function adminRoutes(t: TestApp): Promise<{ method: Method; url: string }[]> {
  const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Partial<Record<Method, unknown>>>;
  };
  return Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/api/admin/'))
    .flatMap(([path, operations]) =>
      (Object.keys(operations) as Method[]).map((method) => ({
        method,
        url: path.replace(/\{[^}]+\}/g, randomUUID()),
      })),
    );
}

/** The request with an empty body: a guard that ran after validation would answer 422 instead. */
function send(client: HttpClient, route: { method: Method; url: string }) {
  if (route.method === 'get') return client.get(route.url);
  if (route.method === 'delete') return client.delete(route.url);
  return client.post(route.url, {});
}

describe('the authorization of every admin route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 401 signed out, and 403 to a user, a company owner and a seat, before reading the request', async () => {
    const routes = await adminRoutes(t);
    expect(routes.length).toBeGreaterThan(15);
    expect(
      routes.every((route) => route.method === 'get' || route.method === 'post' || route.method === 'delete'),
    ).toBe(true);

    const anonymous = createHttpClient(t.app);
    const user = createHttpClient(t.app);
    await signUp(user, { email: uniqueEmail() });
    const domain = `company-${Date.now().toString(36)}.test`;
    const owner = await newCaller(t, { kind: 'company', domain });
    const seat = await addSeat(t, owner, domain);

    for (const route of routes) {
      const response = await send(anonymous, route);
      expect(response.statusCode, `${route.method} ${route.url}: ${response.body}`).toBe(401);
    }
    for (const client of [user, owner.client, seat.client]) {
      for (const route of routes) {
        const response = await send(client, route);
        expect(response.statusCode, `${route.method} ${route.url}: ${response.body}`).toBe(403);
        expect(response.json().error.code).toBe('forbidden');
      }
    }
  });
});
