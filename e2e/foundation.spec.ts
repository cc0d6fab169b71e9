import { statSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './support/browser';

describe('the web shell', () => {
  const browser = useBrowser();

  it('renders the landing page with its actions, the sandbox badge and no console errors', async () => {
    const { page, errors, context } = await openPage(browser());
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/Call any phone/);
    expect(await page.getByRole('link', { name: 'Get started' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Open dialer' }).isVisible()).toBe(true);
    await page.getByTestId('sandbox-badge').waitFor();
    const file = await screenshot(page, 'landing-mobile');
    expect(statSync(file).size).toBeGreaterThan(10_000);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('leads from "Get started" to the email-first sign-in', async () => {
    const { page, errors, context } = await openPage(browser());
    await page.goto('/');
    await page.getByRole('link', { name: 'Get started' }).click();
    await page.waitForURL('**/signin');
    // The router changes the URL before React commits the new page: wait for the page, not just the URL.
    await page.getByRole('heading', { level: 1, name: 'Sign in or get started' }).waitFor();
    expect(await page.getByLabel('Email').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends signed-out visitors of the app to sign in, and back afterwards', async () => {
    const { page, context } = await openPage(browser());
    await page.goto('/history');
    await page.waitForURL('**/signin?next=%2Fhistory');
    await context.close();
  });

  it('shows the styled 404 page for an unknown route', async () => {
    const { page, context } = await openPage(browser());
    await page.goto('/no/such/page');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/isn’t in service/);
    expect(await page.getByText('/no/such/page').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Go home' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await context.close();
  });
});
