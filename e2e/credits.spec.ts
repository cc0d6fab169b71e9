import { describe, expect, it } from 'vitest';
import { signUpWithPassword } from './support/accounts';
import { openPage, screenshot, useBrowser } from './support/browser';
import { adjustFromConsole } from './support/credit';
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
    await adjustFromConsole(admin.page, email, {
      dollars: '12.50',
      reason: 'Welcome credit for the pilot',
      balanceAfter: '$12.50',
    });
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
