import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const artifactsDir = path.resolve(import.meta.dirname, '..', 'artifacts');

/**
 * One headless chromium per spec file, on a fresh profile that Playwright creates. The flags keep it off the
 * network (the machine has none) and out of first-run and background work; the fake media devices stand in
 * for a microphone.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: inject('chromium'),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

export type PageErrors = string[];

let people = 0;

/**
 * A client address of its own for each browser context (from the documentation range 2001:db8::/32), sent
 * as a trusted proxy would: the specs are many different people, and the per-address limits on sign-up and
 * sign-in apply to each of them, not to all the specs together.
 */
function nextClientAddress(): string {
  people += 1;
  return `2001:db8::${process.pid.toString(16)}:${people.toString(16)}`;
}

/** A phone-sized page that records console errors and failed requests, so a spec can assert there were none. */
export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; baseUrl?: string } = {},
): Promise<{ context: BrowserContext; page: Page; errors: PageErrors }> {
  const context = await browser.newContext({
    baseURL: options.baseUrl ?? inject('baseUrl'),
    viewport: options.viewport ?? { width: 390, height: 844 },
    deviceScaleFactor: 1,
    permissions: ['microphone'],
    extraHTTPHeaders: { 'x-forwarded-for': nextClientAddress() },
  });
  const page = await context.newPage();
  const errors: PageErrors = [];
  page.on('console', (message) => {
    // The browser reports every 4xx answer as a console error; those are the API refusing input on purpose.
    const expectedRefusal = /Failed to load resource: the server responded with a status of 4\d\d/.test(
      message.text(),
    );
    if (message.type() === 'error' && !expectedRefusal) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The spec file's browser: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let launched: { browser: Browser; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    launched = await launchBrowser();
  });
  afterAll(async () => {
    await launched?.close();
  });
  return () => {
    if (!launched) throw new Error('the browser is not running');
    return launched.browser;
  };
}
