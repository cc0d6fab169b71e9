/**
 * Signs an individual up as a browser does, and answers the account and a JSON call that sends the session's
 * cookies and CSRF token.
 */
async function signedUp(baseUrl: string, credentials: { email: string; password: string }) {
  const cookies = new Map<string, string>();
  async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(cookies.has('csrf') ? { 'x-csrf-token': cookies.get('csrf') ?? '' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      cookies.set(name, value);
    }
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }
  await call('GET', '/api/auth/csrf');
  const me = await call<{ account: { id: string } }>('POST', '/api/auth/signup', {
    ...credentials,
    accountType: 'individual',
  });
  return { me, call };
}

/**
 * Signs up the admin and `count` individuals, and credits each individual's wallet with `cents` through an
 * admin adjustment, as a person would; answers each individual's session.
 */
export async function fundedCallers(
  baseUrl: string,
  admin: { email: string; password: string },
  options: { count: number; cents: number; emailPrefix: string },
) {
  const adminSession = await signedUp(baseUrl, admin);
  return Promise.all(
    Array.from({ length: options.count }, async (_, n) => {
      const caller = await signedUp(baseUrl, {
        email: `${options.emailPrefix}-${n}@example.com`,
        password: admin.password,
      });
      await adminSession.call('POST', `/api/admin/accounts/${caller.me.account.id}/adjustments`, {
        amountCents: options.cents,
        reason: 'Benchmark credit',
        idempotencyKey: `${options.emailPrefix}-credit-${n}`,
      });
      return caller;
    }),
  );
}
