import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPage } from './browser';

const ADMIN = { email: 'calls-admin@mobayilo.test', password: 'correct horse battery staple' };

/** Credits the signed-in person's wallet through the admin API, as a platform admin (ADMIN_EMAILS) would. */
export async function giveCredit(browser: Browser, page: Page, amountCents: number, key = 'credit') {
  const me = await (await page.request.get('/api/me')).json();
  const admin = await openPage(browser);
  const api = admin.context.request;
  const { token } = await (await api.get('/api/auth/csrf')).json();
  const headers = { 'x-csrf-token': token };
  const signedUp = await api.post('/api/auth/signup', {
    headers,
    data: { ...ADMIN, accountType: 'individual' },
  });
  if (signedUp.status() !== 201) {
    expect((await api.post('/api/auth/signin', { headers, data: ADMIN })).status()).toBe(200);
  }
  const adjusted = await api.post(`/api/admin/accounts/${me.account.id}/adjustments`, {
    headers,
    data: {
      amountCents,
      reason: 'Credit for an end-to-end test',
      idempotencyKey: `e2e-${key}-${me.account.id}`,
    },
  });
  expect(adjusted.status()).toBeLessThan(300);
  await admin.context.close();
}

/** Types a number on the dialer's keypad. */
export async function dial(page: Page, digits: string) {
  const keypad = page.getByRole('group', { name: 'Keypad' });
  for (const digit of digits) {
    await keypad.getByRole('button', { name: digit === '0' ? '0, hold for +' : digit, exact: true }).click();
  }
}

/**
 * On /admin, finds the account of `email`, records an adjustment of `dollars` with `reason`, confirms it and
 * waits for the new balance; returns the account's row.
 */
export async function adjustFromConsole(
  page: Page,
  email: string,
  adjustment: { dollars: string; reason: string; balanceAfter: string },
) {
  await page.goto('/admin');
  await page.getByLabel('Search by name, email or account id').fill(email);
  await page.getByRole('form', { name: 'Search accounts' }).getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('listitem').filter({ hasText: email }).first();
  await row.getByRole('button', { name: 'Manage' }).click();
  await row.getByLabel('Adjustment in dollars (negative to debit)').fill(adjustment.dollars);
  await row.getByLabel('Reason (kept with the transaction)').fill(adjustment.reason);
  await row.getByRole('button', { name: 'Record adjustment' }).click();
  await row.getByRole('button', { name: 'Confirm adjustment' }).click();
  await row.getByText(`The balance is now ${adjustment.balanceAfter}.`).waitFor();
  return row;
}
