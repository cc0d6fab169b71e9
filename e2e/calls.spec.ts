import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpWithPassword } from './support/accounts';
import { openPage, screenshot, useBrowser } from './support/browser';
import { dial, giveCredit } from './support/credit';
import { uniqueEmail } from './support/outbox';

async function signUp(page: Page) {
  await signUpWithPassword(page, uniqueEmail('example.com', 'caller'));
}

describe('calling from the browser through the sandbox', () => {
  const browser = useBrowser();

  it('prices the number, connects, bills one minute, and shows the charge in History and Credits', async () => {
    const { page, errors, context } = await openPage(browser());
    await signUp(page);
    await giveCredit(browser(), page, 500);
    await page.reload();
    await page.getByTestId('sandbox-note').waitFor();

    await dial(page, '202555010');
    await page.getByLabel('Phone number').press('End');
    await page.getByLabel('Phone number').pressSequentially('0');
    expect(await page.getByLabel('Phone number').inputValue()).toBe('(202) 555-0100');
    const quote = page.getByTestId('quote');
    await quote.getByText('$0.02/min').waitFor();
    // What the credit buys, and the limit on one call, said apart.
    expect(await page.getByTestId('quote-minutes').textContent()).toBe(
      '≈ 250 min of credit · this call up to 120 min',
    );
    expect(await page.getByTestId('dial-balance').textContent()).toBe('Balance $5.00');
    expect(await quote.textContent()).toContain('United States — Landline & mobile');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
    await screenshot(page, 'dial-priced');

    await page.getByRole('button', { name: 'Call', exact: true }).click();
    const status = page.getByTestId('call-status');
    await status.getByText('In call').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Keypad' }).click();
    await page
      .getByRole('group', { name: 'Keypad tones' })
      .getByRole('button', { name: '1', exact: true })
      .click();
    await page.getByRole('button', { name: 'Mute' }).click();
    expect(await page.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('call-timer').getByText('0:03').waitFor();
    expect(await page.getByTestId('call-cost').textContent()).toBe('$0.02');
    await screenshot(page, 'dial-in-call');
    await page.getByRole('button', { name: 'Hang up' }).click();
    await status.getByText('Call ended').waitFor();
    await page.getByRole('button', { name: 'Back to the keypad' }).click();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
    const call = page.getByTestId('call').first();
    await call.getByText('+1 202 555 0100').waitFor();
    await call.getByText(/1 min billed at \$0\.02\/min/).waitFor({ timeout: 15_000 });
    expect(await call.getByTestId('call-cost').textContent()).toBe('$0.02');
    await screenshot(page, 'history-one-call');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credits' }).click();
    const transactions = page.getByRole('list', { name: 'Transactions' });
    await transactions.getByText('Call to +1 202 555 0100 · 1 min').waitFor();
    expect(await transactions.getByText('−$0.02').isVisible()).toBe(true);
    expect(await page.getByTestId('balance').textContent()).toBe('$4.98');

    // A busy number costs nothing.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dial' }).click();
    await page.getByLabel('Phone number').fill('+12025550101');
    await page.getByTestId('quote').getByText('this call up to 120 min', { exact: false }).waitFor();
    // Enter in the number places the call.
    await page.getByLabel('Phone number').press('Enter');
    await page.getByTestId('call-status').getByText('Call ended').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Back to the keypad' }).click();
    await page.getByRole('list', { name: 'Recent numbers' }).getByText('+1 202 555 0101').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
    const busy = page.getByTestId('call').first();
    await busy.getByText('Busy').waitFor();
    await busy.getByTestId('call-cost').getByText('$0.00').waitFor({ timeout: 15_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credits' }).click();
    await page.getByTestId('balance').getByText('$4.98').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says when there is no credit, and offers to add some', async () => {
    const { page, errors, context } = await openPage(browser());
    await signUp(page);
    await page.getByLabel('Phone number').fill('+447400123456');
    const quote = page.getByTestId('quote');
    await quote.getByText("You don't have enough credit for this call.", { exact: false }).waitFor();
    expect(await quote.getByRole('link', { name: 'Add credit' }).getAttribute('href')).toBe('/credits');
    expect(await page.getByRole('button', { name: 'Call', exact: true }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a premium-rate number before calling, and calls again from History', async () => {
    const { page, errors, context } = await openPage(browser());
    await signUp(page);
    await giveCredit(browser(), page, 500);
    await page.getByLabel('Phone number').fill('+19005550100');
    await page.getByTestId('quote').getByText('Calls to this number are not allowed.').waitFor();
    expect(await page.getByRole('button', { name: 'Call', exact: true }).isDisabled()).toBe(true);
    await page.goto('/dial?to=%2B447400123456');
    expect(await page.getByLabel('Phone number').inputValue()).toBe('+44 7400 123456');
    await page.getByTestId('quote').getByText('United Kingdom — Mobile').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
