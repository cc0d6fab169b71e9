import type { HttpClient } from './http-client';

let counter = 0;

/** A unique address at a domain, for tests that must not collide with each other. */
export function uniqueEmail(domain = 'example.com', name = 'person'): string {
  counter += 1;
  return `${name}.${Date.now().toString(36)}${counter}@${domain}`;
}

export const strongPassword = 'correct horse battery staple';

/** Signs the client up with a password; returns the /api/me body. */
export async function signUp(
  client: HttpClient,
  input: { email: string; accountType?: 'individual' | 'company'; companyName?: string; password?: string },
) {
  const response = await client.post('/api/auth/signup', {
    email: input.email,
    password: input.password ?? strongPassword,
    accountType: input.accountType ?? 'individual',
    ...(input.companyName ? { companyName: input.companyName } : {}),
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  return response.json();
}
