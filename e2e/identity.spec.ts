import { describe, expect, it } from 'vitest';
import { confirmAddress } from './support/accounts';
import { openPage, screenshot, useBrowser } from './support/browser';
import { followMailedLink, uniqueEmail } from './support/outbox';

describe('signing in', () => {
  const browser = useBrowser();

  it('signs an individual up with a password into the dialer shell with its bottom navigation', async () => {
    const { page, errors, context } = await openPage(browser());
    await page.goto('/signup');
    await page.getByLabel('Email').fill(uniqueEmail('example.com', 'ada'));
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Use at least 10 characters').waitFor();

    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/dial');
    const nav = page.getByRole('navigation', { name: 'Main' });
    // The URL changes before the router commits the new page (a transition): wait for the page itself.
    await nav.getByRole('link', { name: 'Dial' }).waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Dial', 'History', 'Credits', 'Settings']);
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Where you’re signed in' }).waitFor();
    await screenshot(page, 'settings-individual');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps what was typed in a form across a reload', async () => {
    const { page, context } = await openPage(browser());
    await page.goto('/signup');
    await page.getByText('A company').click();
    await page.getByLabel('Company name').fill('Reload Ltd');
    await page.reload();
    expect(await page.getByLabel('Company name').inputValue()).toBe('Reload Ltd');
    await context.close();
  });

  it('signs a new person in by email link from the outbox, and offers a fresh link for a used one', async () => {
    const email = uniqueEmail('example.org', 'grace');
    const { page, errors, context } = await openPage(browser());
    await page.goto('/signin');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Continue with email' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

    await followMailedLink(page, email);
    await page.waitForURL('**/magic/**');
    const linkUrl = page.url();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/dial');

    await page.goto(linkUrl);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    await page.getByRole('button', { name: 'Send me a fresh link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a company admin invite a seat, who signs in by the link read from the outbox', async () => {
    const domain = `initech-${Date.now().toString(36)}.test`;
    const admin = await openPage(browser());
    await admin.page.goto('/signup');
    await admin.page.getByText('A company').click();
    await admin.page.getByLabel('Company name').fill('Initech');
    const adminEmail = uniqueEmail(domain, 'bill');
    await admin.page.getByLabel('Your work email').fill(adminEmail);
    await admin.page.getByLabel('Password').fill('correct horse battery staple');
    await admin.page.getByRole('button', { name: 'Create account' }).click();
    await admin.page.waitForURL('**/dial');
    await confirmAddress(admin.page, adminEmail);

    await admin.page.getByRole('link', { name: 'Settings' }).click();
    const seatEmail = uniqueEmail(domain, 'milton');
    await admin.page.getByLabel('Invite by email').fill(seatEmail);
    await admin.page.getByRole('button', { name: 'Send invitation' }).click();
    await admin.page.getByText(`We emailed an invitation to ${seatEmail}`).waitFor();
    await admin.page.getByRole('list', { name: 'Members' }).getByText(seatEmail, { exact: true }).waitFor();
    await screenshot(admin.page, 'settings-company');
    await admin.context.close();

    const seat = await openPage(browser());
    await followMailedLink(seat.page, seatEmail);
    await seat.page.getByRole('button', { name: 'Continue' }).click();
    await seat.page.waitForURL('**/dial');
    await seat.page.getByRole('link', { name: 'Settings' }).click();
    await seat.page.getByText('Company · Seat').waitFor();
    expect(await seat.page.getByRole('heading', { name: 'Seats' }).count()).toBe(0);
    expect(seat.errors).toEqual([]);
    await seat.context.close();
  });

  it('signs up, asks to confirm the address, and lifts the prompt once the emailed link is followed', async () => {
    const email = uniqueEmail('example.com', 'hedy');
    const { page, errors, context } = await openPage(browser());
    await page.goto('/signup');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/dial');
    await page.getByText('Confirm your email address', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Credits' }).click();
    await page.getByText('Confirm your email address to save a card').waitFor();
    expect(await page.getByRole('button', { name: 'Save a card' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Resend confirmation' }).first().click();
    await page.getByText('A new link is on its way').first().waitFor();
    await screenshot(page, 'confirm-address-prompt');

    await confirmAddress(page, email);
    await page.getByRole('link', { name: 'Credits' }).click();
    await page.getByRole('button', { name: 'Save a card' }).waitFor();
    expect(await page.getByText('Confirm your email address', { exact: true }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives a desktop screen a side bar and the dialer a centred column', async () => {
    const { page, context } = await openPage(browser(), { viewport: { width: 1440, height: 900 } });
    await page.goto('/signup');
    await page.getByLabel('Email').fill(uniqueEmail('example.net', 'desk'));
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/dial');
    const nav = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
    const keypad = await page.getByRole('group', { name: 'Keypad' }).boundingBox();
    expect(nav && keypad).toBeTruthy();
    if (nav && keypad) {
      expect(nav.x).toBe(0);
      expect(nav.height).toBe(900);
      const centre = nav.width + (1440 - nav.width) / 2;
      expect(Math.abs(keypad.x + keypad.width / 2 - centre)).toBeLessThan(4);
    }
    await screenshot(page, 'dial-desktop');
    await context.close();
  });
});
