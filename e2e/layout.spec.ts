import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpWithPassword } from './support/accounts';
import { openPage, screenshot, useBrowser } from './support/browser';
import { giveCredit } from './support/credit';
import { uniqueEmail } from './support/outbox';

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
  { width: 360, height: 640 },
] as const;

/** The control's box once the page has stopped moving (notes and prices appear as their data arrives). */
async function settledBox(control: Locator) {
  let box = await control.boundingBox();
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const next = await control.boundingBox();
    if (next && box && next.x === box.x && next.y === box.y && next.height === box.height) return next;
    box = next;
  }
  return box;
}

/**
 * The control lies inside the viewport and is what a click at its centre lands on: nothing (the navigation,
 * a banner, a sticky bar) covers it. With `scroll`, the page may be scrolled to it first.
 */
async function expectReachable(page: Page, control: Locator, options: { scroll: boolean }) {
  await control.waitFor();
  if (options.scroll) await control.scrollIntoViewIfNeeded();
  const box = await settledBox(control);
  const viewport = page.viewportSize();
  expect(box).not.toBeNull();
  expect(viewport).not.toBeNull();
  if (!box || !viewport) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  const hit = await control.evaluate(
    (element, point) => {
      // Runs in the page: the spec's own types know no DOM.
      const top = element.ownerDocument.elementFromPoint(point.x, point.y);
      if (top !== null && (element === top || element.contains(top))) return 'the control';
      return top ? `${top.tagName} ${top.className}` : 'nothing';
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
  expect(hit).toBe('the control');
}

/** The navigation and the page never overlap. */
async function expectNavBesidePage(page: Page) {
  const nav = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
  const main = await page.locator('main#main').boundingBox();
  expect(nav && main).toBeTruthy();
  if (!nav || !main) return;
  const overlapX = Math.min(nav.x + nav.width, main.x + main.width) - Math.max(nav.x, main.x);
  const overlapY = Math.min(nav.y + nav.height, main.y + main.height) - Math.max(nav.y, main.y);
  expect(overlapX <= 0 || overlapY <= 0).toBe(true);
}

describe('every main page on a phone, a laptop and a large screen', () => {
  const browser = useBrowser();

  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;
    // The three sizes the product is designed for must show the dialer's Call button and the call's controls
    // without scrolling; the small phone may scroll, but nothing may ever cover a control.
    const scroll = viewport.height < 700;

    it(`keeps each page's main action in reach at ${size}`, async () => {
      const { page, errors, context } = await openPage(browser(), { viewport });

      await page.goto('/');
      await expectReachable(page, page.getByRole('link', { name: 'Get started' }), { scroll });
      await screenshot(page, `layout-${size}-landing`);

      await page.goto('/pricing');
      await expectReachable(page, page.getByRole('combobox', { name: 'Where do you want to call?' }), {
        scroll,
      });
      await page.getByTestId('country-list').waitFor();
      await screenshot(page, `layout-${size}-pricing`);

      await page.goto('/signin');
      await expectReachable(page, page.getByRole('button', { name: 'Continue with email' }), { scroll });
      await screenshot(page, `layout-${size}-signin`);

      await signUpWithPassword(page, uniqueEmail('example.com', `layout${viewport.width}`));
      await giveCredit(browser(), page, 500, 'layout');
      await page.reload();
      await page.getByTestId('sandbox-note').waitFor();
      const call = page.getByRole('button', { name: 'Call', exact: true });
      await expectReachable(page, call, { scroll });
      await expectNavBesidePage(page);
      await page.getByLabel('Phone number').fill('+12025550100');
      await page.getByTestId('quote').getByText('$0.02/min').waitFor();
      await expectReachable(page, call, { scroll });
      await screenshot(page, `layout-${size}-dial`);

      await call.click();
      await page.getByTestId('call-status').getByText('In call').waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Keypad' }).click();
      await page.getByRole('group', { name: 'Keypad tones' }).waitFor();
      // In a call, Mute and Hang up stay on screen even with the tones keypad open, at every size.
      await expectReachable(page, page.getByRole('button', { name: 'Hang up' }), { scroll: false });
      await expectReachable(page, page.getByRole('button', { name: 'Mute' }), { scroll: false });
      await screenshot(page, `layout-${size}-in-call`);
      await page.getByRole('button', { name: 'Hang up' }).click();
      await page.getByRole('button', { name: 'Back to the keypad' }).click();

      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'History' }).click();
      await expectReachable(page, page.getByRole('link', { name: /Call .* again/ }).first(), { scroll });
      await expectNavBesidePage(page);
      await screenshot(page, `layout-${size}-history`);

      await nav.getByRole('link', { name: 'Credits' }).click();
      await expectReachable(page, page.getByRole('button', { name: /^Top up/ }), { scroll: true });
      await screenshot(page, `layout-${size}-credits`);

      await nav.getByRole('link', { name: 'Settings' }).click();
      await expectReachable(page, page.getByRole('button', { name: 'Save name' }), { scroll: true });
      await expectReachable(page, page.getByRole('button', { name: 'Sign out' }), { scroll: true });
      await screenshot(page, `layout-${size}-settings`);

      expect(errors).toEqual([]);
      await context.close();
    }, 150_000);
  }
});
