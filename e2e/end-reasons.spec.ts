import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpWithPassword } from './support/accounts';
import { openPage, screenshot, useBrowser } from './support/browser';
import { giveCredit } from './support/credit';
import { uniqueEmail } from './support/outbox';

async function call(page: Page, number: string) {
  await page.getByLabel('Phone number').fill(number);
  await page.getByTestId('quote').getByText('$0.02/min').waitFor();
  await page.getByLabel('Phone number').press('Enter');
}

describe('why a call ended', () => {
  const browser = useBrowser();

  it('says busy, unreachable and who hung up, with the cost, in the dialer and in History', async () => {
    const { page, errors, context } = await openPage(browser());
    await signUpWithPassword(page, uniqueEmail('example.com', 'reasons'));
    await giveCredit(browser(), page, 500, 'reasons');
    await page.reload();
    const reason = page.getByTestId('end-reason');
    const back = page.getByRole('button', { name: 'Back to the keypad' });

    await call(page, '+12025550101');
    await reason.getByText('The line was busy · Nothing was charged').waitFor({ timeout: 20_000 });
    await screenshot(page, 'end-reason-busy');
    await back.click();

    await call(page, '+12025550103');
    await reason
      .getByText('The number could not be reached · Nothing was charged')
      .waitFor({ timeout: 20_000 });
    await back.click();

    await call(page, '+12025550100');
    await page.getByTestId('call-status').getByText('In call').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Hang up' }).click();
    await reason.getByText('You hung up · Cost $0.02').waitFor({ timeout: 20_000 });
    await back.click();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
    const calls = page.getByTestId('call');
    await calls.first().waitFor();
    const texts = await calls.allTextContents();
    expect(texts[1]).toContain('The number could not be reached');
    expect(texts[2]).toContain('The line was busy');
    expect(errors).toEqual([]);
    await context.close();
  });
});
