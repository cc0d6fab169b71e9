import type { Page } from 'playwright-core';

/** Signs a new individual up with a password; lands on the dialer. */
export async function signUpWithPassword(page: Page, email: string) {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/dial');
}
