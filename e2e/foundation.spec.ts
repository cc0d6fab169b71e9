import { statSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser';

describe('the web shell', () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(async () => {
    await close();
  });

  it('renders the landing page with its actions, the sandbox badge and no console errors', async () => {
    const { page, errors, context } = await openPage(browser);
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

  it('leads from "Get started" into the app with its bottom navigation', async () => {
    const { page, errors, context } = await openPage(browser);
    await page.goto('/');
    await page.getByRole('link', { name: 'Get started' }).click();
    await page.waitForURL('**/dial');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Dial', 'History', 'Credits', 'Settings']);
    await nav.getByRole('link', { name: 'History' }).click();
    await page.waitForURL('**/history');
    // The router changes the URL before React commits the new page: wait for the page, not just the URL.
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    expect(await page.getByText('No calls yet').isVisible()).toBe(true);
    await screenshot(page, 'history-empty');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the styled 404 page for an unknown route', async () => {
    const { page, context } = await openPage(browser);
    await page.goto('/no/such/page');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/isn’t in service/);
    expect(await page.getByText('/no/such/page').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Go home' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await context.close();
  });

  it('centres the phone-shaped app on a desktop screen', async () => {
    const { page, context } = await openPage(browser, { viewport: { width: 1440, height: 900 } });
    await page.goto('/dial');
    const box = await page.locator('main#main').boundingBox();
    expect(box).not.toBeNull();
    if (box) {
      expect(box.width).toBeLessThanOrEqual(448);
      expect(Math.abs(box.x + box.width / 2 - 720)).toBeLessThan(4);
    }
    await screenshot(page, 'dial-desktop');
    await context.close();
  });
});
