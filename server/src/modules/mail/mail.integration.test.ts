import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../test/support/accounts';
import { createHttpClient } from '../../../test/support/http-client';
import { waitForMail } from '../../../test/support/mail';
import { startSmtpServer } from '../../../test/support/smtp';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { waitFor } from '../../../test/support/wait';
import { mailOutbox } from './tables';

describe('mail over real SMTP', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({
      work: true,
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Mobayilo <hello@mobayilo.test>' },
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('delivers a magic link through the SMTP server and records it as sent', async () => {
    const email = uniqueEmail();
    await createHttpClient(t.app, { origin: 'http://localhost:3000' }).post('/api/auth/email', { email });
    const message = await waitFor(async () => smtp.received.find((m) => m.to.includes(email)));
    expect(message.from).toBe('hello@mobayilo.test');
    expect(message.data).toContain('Subject: Your Mobayilo sign-in link');
    expect(message.data).toMatch(/multipart\/alternative/);
    const row = await waitFor(async () => {
      const [mail] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
      return mail?.status === 'sent' ? mail : undefined;
    });
    expect(row.providerMessageId).toMatch(/@/);
  });

  it('delivers a queued mail once even if its job runs twice', async () => {
    const email = uniqueEmail();
    await createHttpClient(t.app, { origin: 'http://localhost:3000' }).post('/api/auth/email', { email });
    const mail = await waitForMail(t.db, email, 'magic_link');
    await waitFor(async () => smtp.received.find((m) => m.to.includes(email)));
    expect(await t.modules.mail.service.deliver(mail.id, { final: false })).toBe('already_sent');
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(1);
  });
});

describe('the local outbox', () => {
  it('keeps mail at /api/dev/mail outside production', async () => {
    const t = await createTestApp({ work: true });
    try {
      const email = uniqueEmail();
      await createHttpClient(t.app, { origin: 'http://localhost:3000' }).post('/api/auth/email', { email });
      await waitFor(async () => {
        const [mail] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
        return mail?.status === 'sent' ? mail : undefined;
      });
      const outbox = (await t.app.inject({ method: 'GET', url: '/api/dev/mail' })).json();
      const item = outbox.items.find((m: { to: string }) => m.to === email);
      expect(item).toMatchObject({
        template: 'magic_link',
        status: 'sent',
        subject: 'Your Mobayilo sign-in link',
      });
      expect(item.html).toContain('<a href="http://localhost:3000/magic/');
    } finally {
      await t.close();
    }
  });

  it('does not exist in production', async () => {
    const t = await createTestApp({ env: { NODE_ENV: 'production' } });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/api/dev/mail' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
