import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpWithPassword } from './support/accounts';
import { openPage, screenshot, useBrowser } from './support/browser';
import { uniqueEmail } from './support/outbox';

/** From the Credits page to the sandbox checkout for one of the preset amounts. */
async function startTopup(page: Page, amount: string) {
  await page.getByRole('link', { name: 'Credits' }).click();
  await page.getByRole('heading', { name: 'Top up' }).waitFor();
  await page.getByText(amount, { exact: true }).click();
  await page.getByRole('button', { name: `Top up ${amount}` }).click();
  await page.waitForURL('**/sandbox/checkout/**');
  await page.getByText('Sandbox checkout').waitFor();
  expect(await page.getByTestId('checkout-amount').textContent()).toBe(amount);
}

describe('card top-ups through the sandbox checkout', () => {
  const browser = useBrowser();

  it('tops up $10 with the success card and shows the new balance once the credit has landed', async () => {
    const { page, errors, context } = await openPage(browser());
    await signUpWithPassword(page, uniqueEmail('example.com', 'payer'));
    await startTopup(page, '$10');
    await screenshot(page, 'sandbox-checkout');
    await page.getByLabel('Succeeds').check();
    await page.getByRole('button', { name: 'Pay $10' }).click();

    await page.waitForURL('**/dial?topup=*');
    await page.getByText('$10 added to your credit.').waitFor();
    await page.getByText('Your balance is $10.00.').waitFor();
    await screenshot(page, 'topup-confirmed');

    await page.getByRole('link', { name: 'Credits' }).click();
    await page.getByTestId('balance').getByText('$10.00').waitFor();
    const topups = page.getByRole('list', { name: 'Top-ups' });
    await topups.getByText('Paid').waitFor();
    expect(await topups.getByText('card ending 4242').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('leaves the balance unchanged with a clear message when the card is declined', async () => {
    const { page, errors, context } = await openPage(browser());
    await signUpWithPassword(page, uniqueEmail('example.com', 'declined'));
    await startTopup(page, '$5');
    await page.getByLabel('Declined').check();
    await page.getByRole('button', { name: 'Pay $5' }).click();

    await page.waitForURL('**/credits?topup=*');
    await page.getByText('Your card was declined. Nothing was charged.').waitFor();
    await screenshot(page, 'topup-declined');
    expect(await page.getByTestId('balance').textContent()).toBe('$0.00');
    await page.getByRole('list', { name: 'Top-ups' }).getByText('Failed').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('saves the card, turns on automatic top-up, shows its failure with a way to fix it, and recovers', async () => {
    const { page, errors, context } = await openPage(browser());
    await signUpWithPassword(page, uniqueEmail('example.com', 'auto'));
    await page.getByRole('link', { name: 'Credits' }).click();
    await page.getByText('Save this card for automatic top-ups').click();
    await startTopup(page, '$10');
    await page.getByLabel('Saves, then declines later charges').check();
    await page.getByRole('button', { name: 'Pay $10' }).click();
    await page.getByText('$10 added to your credit.').waitFor();

    await page.getByRole('link', { name: 'Credits' }).click();
    await page.getByTestId('saved-card').getByText('Visa ending 0341').waitFor();
    await page.getByLabel('Turn on automatic top-up').check();
    await page.getByLabel('Below ($)').fill('20');
    await page.getByLabel('Add ($)').fill('10');
    await page.getByLabel('Daily cap ($)').fill('30');
    await page
      .getByText('When your available credit drops below $20, we charge your saved card $10')
      .waitFor();
    await page.getByRole('button', { name: 'Save automatic top-up' }).click();
    await page.getByText('Automatic top-up saved.').waitFor();

    // The balance ($10) is below the threshold: the saved card is charged at once, and declines.
    const banner = page.getByText('Your automatic top-up of $10 did not go through.');
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { name: 'Credits' }).waitFor();
          return banner.isVisible();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(true);
    await screenshot(page, 'auto-topup-failed');

    await page.getByRole('button', { name: 'Fix payment' }).click();
    await page.waitForURL('**/sandbox/checkout/**');
    await page.getByLabel('Succeeds').check();
    await page.getByRole('button', { name: 'Pay $10' }).click();
    await page.getByText('$10 added to your credit.').waitFor();
    await page.getByText('Your balance is $20.00.').waitFor();
    await page.getByRole('link', { name: 'Credits' }).click();
    await page.getByTestId('saved-card').getByText('Visa ending 4242').waitFor();
    expect(await banner.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
