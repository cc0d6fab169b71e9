import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, strongPassword, uniqueEmail } from '../../../test/support/accounts';
import { createHttpClient } from '../../../test/support/http-client';
import { linkTokenIn, waitForMail } from '../../../test/support/mail';
import { deliver, stripeEnv, stripeEvent } from '../../../test/support/payments';
import { type StripeDouble, startStripeDouble } from '../../../test/support/stripe-double';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { autoTopupSettings, paymentMethods } from '../payments/tables';
import { knownDevices, users } from './tables';

/** Finding: an address could be signed up by someone who does not own it, and the account kept. */
describe('proof of an address', () => {
  let t: TestApp;
  let double: StripeDouble;

  beforeAll(async () => {
    double = await startStripeDouble();
    t = await createTestApp({ work: true, env: stripeEnv(double) });
  });
  afterAll(async () => {
    await t.close();
    await double.close();
  });

  const client = () => createHttpClient(t.app, { origin: t.config.http.publicUrl });

  /** An attacker signs up with the victim's address and a password they know; nothing is confirmed. */
  async function preRegistered(accountType: 'individual' | 'company' = 'individual') {
    const email = uniqueEmail(`victim-${randomUUID().slice(0, 6)}.test`, 'victim');
    const attacker = client();
    const me = await signUp(attacker, {
      email,
      password: 'Attacker-Knows-This-1',
      accountType,
      ...(accountType === 'company' ? { companyName: 'Victim Co' } : {}),
      confirm: false,
    });
    return { email, attacker, me };
  }

  it('mails a confirmation link at sign-up that says what to do if it was not you', async () => {
    const { email, me } = await preRegistered();
    expect(me.user.confirmed).toBe(false);
    const mail = await waitForMail(t.db, email, 'email_confirmation');
    expect(mail.textBody).toMatch(/\/confirm\/[A-Za-z0-9_-]{43}/);
    expect(mail.textBody).toContain('If it was not you, ignore this email and use Sign in');
  });

  it('lets an unconfirmed account top up, but not save a card, turn on automatic top-ups, add domains or invite', async () => {
    const { attacker } = await preRegistered('company');
    const refused = [
      await attacker.post('/api/wallet/payment-method/setup'),
      await attacker.post('/api/wallet/topups', { amountCents: 2500, saveCard: true }),
      await attacker.put('/api/wallet/auto-topup', {
        enabled: true,
        thresholdCents: 500,
        amountCents: 2500,
        dailyCapCents: 5000,
      }),
      await attacker.put('/api/account/domains', { domains: [] }),
      await attacker.post('/api/account/seats', { email: uniqueEmail('gmail.com') }),
    ];
    for (const response of refused) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('email_not_confirmed');
      expect(response.json().error.message).toMatch(/^Confirm your email address to /);
    }
    expect((await attacker.post('/api/wallet/topups', { amountCents: 10_000 })).statusCode).toBe(201);
  });

  it('discards the password, sessions, saved card and automatic top-up when the owner signs in by email link', async () => {
    const { email, attacker, me } = await preRegistered();
    // A card and automatic top-ups set up before this rule existed: what the owner must not inherit.
    await deliver(
      t,
      stripeEvent('setup_intent.succeeded', {
        id: `seti_${randomUUID()}`,
        payment_method: 'pm_card_visa',
        metadata: { accountId: me.account.id },
      }),
    );
    await t.db.insert(autoTopupSettings).values({
      accountId: me.account.id,
      enabled: true,
      thresholdCents: 500,
      amountCents: 2500,
      dailyCapCents: 5000,
    });
    const activeCards = () =>
      t.db
        .select()
        .from(paymentMethods)
        .where(and(eq(paymentMethods.accountId, me.account.id), isNull(paymentMethods.removedAt)));
    expect(await activeCards()).toHaveLength(1);

    const owner = client();
    expect((await owner.post('/api/auth/email', { email })).statusCode).toBe(202);
    const link = linkTokenIn((await waitForMail(t.db, email, 'magic_link')).textBody);
    const signedIn = await owner.post('/api/auth/magic', { token: link });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({
      user: { email, confirmed: true, hasPassword: false },
      account: { id: me.account.id },
    });

    expect((await attacker.get('/api/me')).statusCode).toBe(401);
    // Only the owner's browser is remembered: the attacker's no longer has an allowance of password attempts.
    expect(await t.db.select().from(knownDevices).where(eq(knownDevices.userId, me.user.id))).toHaveLength(1);
    const again = await client().post('/api/auth/signin', { email, password: 'Attacker-Knows-This-1' });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('invalid_credentials');
    expect(await activeCards()).toEqual([]);
    const [settings] = await t.db
      .select()
      .from(autoTopupSettings)
      .where(eq(autoTopupSettings.accountId, me.account.id));
    expect(settings?.enabled).toBe(false);
    expect((await owner.get('/api/me')).statusCode).toBe(200);
  });

  it('discards the other sessions when the address is first proven by a password reset', async () => {
    const { email, attacker } = await preRegistered();
    await client().post('/api/auth/password/forgot', { email });
    const token = linkTokenIn((await waitForMail(t.db, email, 'password_reset')).textBody);
    const reset = await client().post('/api/auth/password/reset', { token, password: strongPassword });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().user.confirmed).toBe(true);
    expect((await attacker.get('/api/me')).statusCode).toBe(401);
    const old = await client().post('/api/auth/signin', { email, password: 'Attacker-Knows-This-1' });
    expect(old.statusCode).toBe(401);
  });

  it('keeps the password and the session when the confirmation link is followed, and lifts the limits', async () => {
    const { email, attacker: person } = await preRegistered();
    const token = linkTokenIn((await waitForMail(t.db, email, 'email_confirmation')).textBody);
    const confirmed = await person.post('/api/auth/magic', { token });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().user).toMatchObject({ confirmed: true, hasPassword: true });
    const [user] = await t.db.select().from(users).where(eq(users.email, email));
    expect(user?.confirmedAt).not.toBeNull();
    expect(
      (await client().post('/api/auth/signin', { email, password: 'Attacker-Knows-This-1' })).statusCode,
    ).toBe(200);
    expect((await person.post('/api/wallet/payment-method/setup')).statusCode).toBe(201);
  });

  it('sends a fresh confirmation link on request, and none once the address is proven', async () => {
    const { email, attacker: person } = await preRegistered();
    const first = await waitForMail(t.db, email, 'email_confirmation');
    const resend = await person.post('/api/auth/confirm/resend');
    expect(resend.statusCode).toBe(202);
    const second = await waitForMail(t.db, email, 'email_confirmation', { after: first.createdAt });
    expect(linkTokenIn(second.textBody)).not.toBe(linkTokenIn(first.textBody));
    const stale = await person.post('/api/auth/magic', { token: linkTokenIn(first.textBody) });
    expect(stale.statusCode).toBe(410);
    expect((await person.post('/api/auth/magic', { token: linkTokenIn(second.textBody) })).statusCode).toBe(
      200,
    );
  });
});
