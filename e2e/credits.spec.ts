import { describe, expect, it } from 'vitest';
import { signUpWithPassword } from './support/accounts';
import { openPage, screenshot, useBrowser } from './support/browser';
import { uniqueEmail } from './support/outbox';

describe('credits', () => {
  const browser = useBrowser();

  it('shows an admin’s credit on the user’s Credits page, with the transaction', async () => {
    const email = uniqueEmail('example.com', 'credited');
    const user = await openPage(browser());
    await signUpWithPassword(user.page, email);
    await user.page.getByRole('link', { name: 'Credits' }).click();
    await user.page.getByText('No transactions yet').waitFor();
    expect(await user.page.getByTestId('balance').textContent()).toBe('$0.00');

    const admin = await openPage(browser());
    // ADMIN_EMAILS of the e2e server names this address; every run starts on a fresh database.
    await signUpWithPassword(admin.page, 'admin@mobayilo.test');
    await admin.page.goto('/admin');
    await admin.page.getByLabel('Search by name, email or account id').fill(email);
    await admin.page
      .getByRole('form', { name: 'Search accounts' })
      .getByRole('button', { name: 'Search' })
      .click();
    const row = admin.page.getByRole('listitem').filter({ hasText: email }).first();
    await row.getByRole('button', { name: 'Manage' }).click();
    await row.getByLabel('Adjustment in dollars (negative to debit)').fill('12.50');
    await row.getByLabel('Reason (kept with the transaction)').fill('Welcome credit for the pilot');
    await row.getByRole('button', { name: 'Record adjustment' }).click();
    await row.getByRole('button', { name: 'Confirm adjustment' }).click();
    await row.getByText('The balance is now $12.50.').waitFor();
    expect(admin.errors).toEqual([]);
    await admin.context.close();

    await user.page.reload();
    await user.page
      .getByRole('list', { name: 'Transactions' })
      .getByText('Welcome credit for the pilot')
      .waitFor();
    expect(await user.page.getByTestId('balance').textContent()).toBe('$12.50');
    expect(await user.page.getByTestId('available').textContent()).toBe('$12.50');
    expect(await user.page.getByRole('list', { name: 'Transactions' }).getByText('+$12.50').isVisible()).toBe(
      true,
    );
    await screenshot(user.page, 'credits-after-adjustment');
    expect(user.errors).toEqual([]);
    await user.context.close();
  });
});
