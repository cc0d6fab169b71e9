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
