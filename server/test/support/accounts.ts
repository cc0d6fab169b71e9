import type { HttpClient } from './http-client';

let counter = 0;

/** A unique address at a domain, for tests that must not collide with each other. */
export function uniqueEmail(domain = 'example.com', name = 'person'): string {
  counter += 1;
  return `${name}.${Date.now().toString(36)}${counter}@${domain}`;
}

export const strongPassword = 'correct horse battery staple';

/**
 * Follows the newest confirmation link mailed to `email` (read from the development outbox) on this client;
 * returns the /api/me body of the confirmed person.
 */
export async function confirmAddress(client: HttpClient, email: string) {
  const outbox = await client.get('/api/dev/mail');
  const mail = (outbox.json().items as { to: string; template: string; text: string }[]).find(
    (item) => item.to === email && item.template === 'email_confirmation',
  );
  const token = mail?.text.match(/\/confirm\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no confirmation mail for ${email}`);
  const response = await client.post('/api/auth/magic', { token });
  if (response.statusCode !== 200)
    throw new Error(`confirmation failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/**
 * Signs the client up with a password and, unless told otherwise, confirms the address with the mailed link;
 * returns the /api/me body.
 */
export async function signUp(
  client: HttpClient,
  input: {
    email: string;
    accountType?: 'individual' | 'company';
    companyName?: string;
    password?: string;
    confirm?: boolean;
  },
) {
  const response = await client.post('/api/auth/signup', {
    email: input.email,
    password: input.password ?? strongPassword,
    accountType: input.accountType ?? 'individual',
    ...(input.companyName ? { companyName: input.companyName } : {}),
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  if (input.confirm === false) return response.json();
  return confirmAddress(client, input.email.toLowerCase());
}
