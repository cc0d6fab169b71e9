import type { Page } from 'playwright-core';
import { followMailedLink } from './outbox';

/** Follows the confirmation link mailed to `email` at sign-up; lands on the dialer, confirmed. */
export async function confirmAddress(page: Page, email: string) {
  await followMailedLink(page, email);
  await page.waitForURL('**/confirm/**');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.waitForURL('**/dial');
}

/** Signs a new individual up with a password and, unless told otherwise, confirms the address; lands on the dialer. */
export async function signUpWithPassword(page: Page, email: string, options: { confirm?: boolean } = {}) {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/dial');
  if (options.confirm !== false) await confirmAddress(page, email);
}
