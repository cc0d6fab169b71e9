import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpWithPassword } from './support/accounts';
import { openPage, screenshot, useBrowser } from './support/browser';
import { giveCredit } from './support/credit';
import { uniqueEmail } from './support/outbox';

async function wallet(page: Page) {
  return (await (await page.request.get('/api/wallet')).json()) as {
    balanceCents: number;
    heldCents: number;
  };
}

async function newestCall(page: Page) {
  const body = (await (await page.request.get('/api/calls?limit=1')).json()) as {
    items: { status: string; costCents: number | null }[];
  };
  return body.items[0];
}

async function until<T>(read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function callAndWaitForAnswer(page: Page) {
  await page.getByLabel('Phone number').fill('+12025550100');
  await page.getByTestId('quote').getByText('$0.02/min').waitFor();
  await page.getByRole('button', { name: 'Call', exact: true }).click();
  await page.getByTestId('call-status').getByText('In call').waitFor({ timeout: 15_000 });
  // The server learns of the answer from the provider's callback.
  await until(async () => ((await newestCall(page))?.status === 'in_progress' ? true : undefined));
}

describe('calls that never get lost', () => {
  const browser = useBrowser();

  it('finds the call after a reload, shows it on other pages, and hangs it up', async () => {
    const { page, errors, context } = await openPage(browser());
    await signUpWithPassword(page, uniqueEmail('example.com', 'reload'));
    await giveCredit(browser(), page, 500, 'reload');
    await page.reload();
    await callAndWaitForAnswer(page);

    await page.reload();
    const hangUp = page.getByRole('button', { name: 'Hang up' });
    await hangUp.waitFor();
    expect(await page.getByTestId('call-status').textContent()).toBe('In call');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
    const banner = page.getByTestId('call-banner');
    await banner.getByText(/Call in progress · \d+:\d\d/).waitFor();
    await screenshot(page, 'call-banner-history');
    await banner.getByRole('link', { name: 'Return' }).click();
    await hangUp.click();

    await page.getByRole('button', { name: 'Call', exact: true }).waitFor();
    const ended = await until(async () => {
      const call = await newestCall(page);
      return call && call.costCents !== null ? call : undefined;
    });
    expect(ended).toMatchObject({ status: 'completed', costCents: 2 });
    expect(await wallet(page)).toMatchObject({ balanceCents: 498, heldCents: 0 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('ends the call and releases its hold when the tab is closed', async () => {
    const { page, context } = await openPage(browser());
    await signUpWithPassword(page, uniqueEmail('example.com', 'closing'));
    await giveCredit(browser(), page, 500, 'closing');
    await page.reload();
    await callAndWaitForAnswer(page);
    expect((await wallet(page)).heldCents).toBeGreaterThan(0);

    const api = context.request;
    await page.close();
    const ended = await until(async () => {
      const body = (await (await api.get('/api/calls?limit=1')).json()) as {
        items: { status: string; costCents: number | null }[];
      };
      const call = body.items[0];
      return call && call.costCents !== null ? call : undefined;
    });
    expect(ended.status).toBe('completed');
    const after = (await (await api.get('/api/wallet')).json()) as { heldCents: number };
    expect(after.heldCents).toBe(0);
    await context.close();
  });
});
