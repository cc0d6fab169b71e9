import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../server/test/support/free-port';
import { type ServerProcess, startServerProcess } from '../server/test/support/server-process';
import { openPage, screenshot, useBrowser } from './support/browser';
import { followMailedLink, uniqueEmail } from './support/outbox';

/** A second server with BETA_GATE=on (the shared one runs with the gate off), on the web app already built. */
describe('the beta gate', () => {
  const browser = useBrowser();
  const adminEmail = 'gate-admin@mobayilo.test';
  let server: ServerProcess;
  let baseUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'mobayilo-e2e-gate-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = startServerProcess(
      {
        DATA_DIR: dataDir,
        PORT: String(port),
        EMBEDDED_DB_PORT: String(await freePort()),
        PUBLIC_URL: baseUrl,
        JOB_POLL_SECONDS: '0.5',
        BETA_GATE: 'on',
        ADMIN_EMAILS: adminEmail,
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      },
      'scripts/start.mjs',
    );
    await server.waitForOutput(/Mobayilo is running at/, 90_000);
  }, 120_000);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    const code = await server?.exited;
    await rm(dataDir, { recursive: true, force: true });
    expect(code).toBe(0);
  }, 60_000);

  it('puts an uninvited visitor on the list; once an admin invites them, the emailed link lets them sign up', async () => {
    const email = uniqueEmail('example.com', 'hopeful');
    const visitor = await openPage(browser(), { baseUrl });

    // The landing page offers the waitlist instead of sign-up.
    await visitor.page.goto('/');
    await visitor.page.getByLabel('Get early access').fill(email);
    await visitor.page.getByRole('button', { name: 'Join the list' }).click();
    await visitor.page.getByText("You're on the list.").waitFor();

    // Signing up anyway lands on the waitlist page, not on an error.
    await visitor.page.goto('/signup');
    await visitor.page.getByLabel('Email').fill(email);
    await visitor.page.getByLabel('Password').fill('correct horse battery staple');
    await visitor.page.getByRole('button', { name: 'Create account' }).click();
    await visitor.page.waitForURL('**/waitlist?**');
    await visitor.page.getByRole('heading', { name: "You're on the list" }).waitFor();
    await visitor.page.getByText(email).waitFor();
    await screenshot(visitor.page, 'beta-gate-waitlist');

    const admin = await openPage(browser(), { baseUrl, viewport: { width: 1024, height: 900 } });
    await admin.page.goto('/signup');
    await admin.page.getByLabel('Email').fill(adminEmail);
    await admin.page.getByLabel('Password').fill('correct horse battery staple');
    await admin.page.getByRole('button', { name: 'Create account' }).click();
    await admin.page.waitForURL('**/dial');
    await admin.page.goto('/admin');
    const waitlist = admin.page.getByRole('region', { name: 'Waitlist' });
    await waitlist.getByLabel('Search by address or source').fill(email);
    await waitlist.getByRole('button', { name: 'Search' }).click();
    const row = waitlist
      .getByRole('list', { name: 'Subscribers' })
      .getByRole('listitem')
      .filter({ hasText: email });
    await row.getByText('waiting · from landing').waitFor();
    await row.getByRole('button', { name: 'Invite' }).click();
    await row.getByRole('button', { name: 'Send invitation' }).click();
    await waitlist.getByText(`Invitation sent to ${email}.`).waitFor();
    await screenshot(admin.page, 'beta-gate-admin-waitlist');

    await followMailedLink(visitor.page, email);
    await visitor.page.waitForURL('**/signup?**');
    expect(await visitor.page.getByLabel('Email').inputValue()).toBe(email);
    await visitor.page.getByText('Your invitation is ready').waitFor();
    await visitor.page.getByLabel('Password').fill('correct horse battery staple');
    await visitor.page.getByRole('button', { name: 'Create account' }).click();
    await visitor.page.waitForURL('**/dial');

    await waitlist.getByLabel('Status').selectOption('joined');
    await row.getByText(/^joined/).waitFor();
    expect(visitor.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
    await visitor.context.close();
    await admin.context.close();
  }, 120_000);
});
