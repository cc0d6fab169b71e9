import type { Page } from 'playwright-core';

/** Opens the local outbox and follows the newest link mailed to `email`. */
export async function followMailedLink(page: Page, email: string): Promise<void> {
  await page.goto('/dev/mail');
  const mail = page.getByRole('listitem').filter({ hasText: email }).first();
  await mail.waitFor();
  await mail.getByRole('link').first().click();
}

let counter = 0;
export function uniqueEmail(domain: string, name = 'e2e'): string {
  counter += 1;
  return `${name}.${Date.now().toString(36)}${counter}@${domain}`;
}
