import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpWithPassword } from './support/accounts';
import { openPage, screenshot, useBrowser } from './support/browser';
import { adjustFromConsole } from './support/credit';
import { uniqueEmail } from './support/outbox';

const SUSPENDED = 'This account is suspended and cannot place calls. Please contact support.';

async function dial(page: Page, digits: string) {
  const keypad = page.getByRole('group', { name: 'Keypad' });
  for (const digit of digits) {
    await keypad.getByRole('button', { name: digit === '0' ? '0, hold for +' : digit, exact: true }).click();
  }
}

describe('the admin console', () => {
  const browser = useBrowser();

  it('credits a user found by email, shows it in the audit log, and suspends the account so that its next call is refused', async () => {
    const email = uniqueEmail('example.com', 'customer');
    const user = await openPage(browser());
    user.page.setDefaultTimeout(20_000);
    await signUpWithPassword(user.page, email);

    const admin = await openPage(browser());
    admin.page.setDefaultTimeout(20_000);
    // ADMIN_EMAILS of the e2e server names this address; every run starts on a fresh database.
    await signUpWithPassword(admin.page, 'console-admin@mobayilo.test');
    const row = await adjustFromConsole(admin.page, email, {
      dollars: '5',
      reason: 'Sorry for the dropped call',
      balanceAfter: '$5.00',
    });
    const audit = admin.page.getByRole('list', { name: 'Admin actions' });
    const credit = audit.getByRole('listitem').filter({ hasText: 'wallet.adjust' }).first();
    await credit.getByText('Sorry for the dropped call').waitFor();
    expect(await credit.textContent()).toContain('+$5.00');
    expect(await credit.textContent()).toContain('console-admin@mobayilo.test');

    await user.page.getByRole('link', { name: 'Credits' }).click();
    await user.page
      .getByRole('list', { name: 'Transactions' })
      .getByText('Sorry for the dropped call')
      .waitFor();
    expect(await user.page.getByTestId('balance').textContent()).toBe('$5.00');

    await row.getByLabel('Reason for the suspension').fill('Chargebacks from a stolen card');
    await row.getByRole('button', { name: 'Suspend account' }).click();
    await row.getByRole('button', { name: 'Confirm suspension' }).click();
    await row.getByText('The account is suspended.').waitFor();
    await audit
      .getByRole('listitem')
      .filter({ hasText: 'account.suspend' })
      .getByText('active → suspended')
      .waitFor();
    await screenshot(admin.page, 'admin-console-after-suspension');
    expect(admin.errors).toEqual([]);
    await admin.context.close();

    await user.page.goto('/dial');
    await dial(user.page, '2025550100');
    await user.page.getByTestId('quote').getByText(SUSPENDED).waitFor();
    await screenshot(user.page, 'dial-suspended');
    await user.context.close();
  }, 120_000);
});
