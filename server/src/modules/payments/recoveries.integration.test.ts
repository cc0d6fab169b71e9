import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../../test/support/accounts';
import { createHttpClient } from '../../../test/support/http-client';
import { waitForMail } from '../../../test/support/mail';
import {
  deliver,
  origin,
  owner,
  postStripeEvent,
  settledEvent,
  stripeEnv,
  stripeEvent,
} from '../../../test/support/payments';
import { type StripeDouble, startStripeDouble } from '../../../test/support/stripe-double';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

const adminEmail = 'money-admin@mobayilo.test';

describe('refunds and disputes take money back from the wallet', () => {
  let t: TestApp;
  let double: StripeDouble;

  beforeAll(async () => {
    double = await startStripeDouble();
    t = await createTestApp({
      work: true,
      captureLogs: true,
      env: { ...stripeEnv(double), ADMIN_EMAILS: adminEmail },
    });
  });
  afterAll(async () => {
    await t.close();
    await double.close();
  });

  /** An owner whose $`dollars` top-up was paid and credited; returns its PaymentIntent id. */
  async function creditedTopup(dollars: number) {
    const person = await owner(t);
    const { topupId } = (
      await person.client.post('/api/wallet/topups', { amountCents: dollars * 100 })
    ).json();
    const intent = `pi_${randomUUID().replaceAll('-', '')}`;
    await deliver(
      t,
      stripeEvent('payment_intent.succeeded', {
        id: intent,
        amount: dollars * 100,
        amount_received: dollars * 100,
        payment_method: 'pm_card_visa',
        metadata: { topupId, accountId: person.accountId },
      }),
    );
    return { ...person, topupId: topupId as string, intent, charge: `ch_${intent.slice(3)}` };
  }

  const refunded = (charge: string, intent: string, amountRefunded: number) =>
    stripeEvent('charge.refunded', {
      id: charge,
      object: 'charge',
      amount: 0,
      amount_refunded: amountRefunded,
      payment_intent: intent,
      refunded: false,
      metadata: {},
    });
  const dispute = (id: string, intent: string, amount: number, status = 'needs_response') => ({
    id,
    object: 'dispute',
    amount,
    payment_intent: intent,
    charge: 'ch_x',
    reason: 'fraudulent',
    status,
  });

  const wallet = (accountId: string) => t.modules.ledger.service.walletSummary(accountId);
  const spend = (accountId: string, cents: number) =>
    t.modules.ledger.service.debit({
      accountId,
      amountCents: cents,
      kind: 'call',
      idempotencyKey: `call:${randomUUID()}`,
    });

  it('debits each newly refunded part once, whatever repeats or arrives late', async () => {
    const topup = await creditedTopup(20);
    const partial = refunded(topup.charge, topup.intent, 500);
    await deliver(t, partial);
    expect((await wallet(topup.accountId)).balanceCents).toBe(1500);
    expect((await postStripeEvent(t, partial)).json().duplicate).toBe(true);
    await deliver(t, { ...partial, id: `${partial.id}_copy` });
    expect((await wallet(topup.accountId)).balanceCents).toBe(1500);

    await deliver(t, refunded(topup.charge, topup.intent, 2000));
    expect((await wallet(topup.accountId)).balanceCents).toBe(0);
    const older = await deliver(t, refunded(topup.charge, topup.intent, 1200));
    expect(older.outcome).toBe('nothing new refunded');
    expect((await wallet(topup.accountId)).balanceCents).toBe(0);

    const stored = (await topup.client.get(`/api/wallet/topups/${topup.topupId}`)).json();
    expect(stored).toMatchObject({ status: 'refunded', refundedCents: 2000 });
    const history = await t.modules.ledger.service.history({ wallet: topup.accountId }, {});
    expect(history.items.map((item) => [item.kind, item.amountCents])).toEqual([
      ['refund', -1500],
      ['refund', -500],
      ['topup', 2000],
    ]);
  });

  it('takes what the wallet has when a refund exceeds it, and records the rest as owed for admins', async () => {
    const topup = await creditedTopup(10);
    await spend(topup.accountId, 700);
    await deliver(t, refunded(topup.charge, topup.intent, 1000));
    expect((await wallet(topup.accountId)).balanceCents).toBe(0);

    const admin = createHttpClient(t.app, { origin: origin(t) });
    await signUp(admin, { email: adminEmail });
    const owed = (await admin.get('/api/admin/payments/owed')).json();
    expect(owed.items).toContainEqual(
      expect.objectContaining({
        accountId: topup.accountId,
        kind: 'refund',
        requestedCents: 1000,
        takenCents: 300,
        owedCents: 700,
      }),
    );
    expect((await topup.client.get('/api/admin/payments/owed')).statusCode).toBe(403);
  });

  it('applies a refund that arrived before its payment once the credit has landed', async () => {
    const person = await owner(t);
    const { topupId } = (await person.client.post('/api/wallet/topups', { amountCents: 1000 })).json();
    const intent = `pi_${randomUUID().replaceAll('-', '')}`;
    double.knowIntent(intent, { metadata: { topupId } });
    const early = refunded(`ch_${intent}`, intent, 400);
    expect((await postStripeEvent(t, early)).statusCode).toBe(200);
    await deliver(
      t,
      stripeEvent('payment_intent.succeeded', {
        id: intent,
        amount: 1000,
        amount_received: 1000,
        payment_method: 'pm_card_visa',
        metadata: { topupId },
      }),
    );
    const settled = await settledEvent(t, early.id, 25_000);
    expect(settled.status).toBe('processed');
    expect((await wallet(person.accountId)).balanceCents).toBe(600);
  });

  it('holds a disputed amount, pauses automatic top-ups and alerts admins once; a lost dispute keeps the money', async () => {
    const topup = await creditedTopup(50);
    await spend(topup.accountId, 1000);
    await deliver(
      t,
      stripeEvent('setup_intent.succeeded', {
        id: `seti_${topup.topupId}`,
        payment_method: 'pm_card_visa',
        metadata: { accountId: topup.accountId },
      }),
    );
    const settings = { enabled: true, thresholdCents: 1000, amountCents: 2000, dailyCapCents: 4000 };
    expect((await topup.client.put('/api/wallet/auto-topup', settings)).statusCode).toBe(200);
    const opened = stripeEvent('charge.dispute.created', dispute('dp_lost', topup.intent, 5000));
    await deliver(t, opened);
    await deliver(t, { ...opened, id: `${opened.id}_copy` });

    expect(await wallet(topup.accountId)).toMatchObject({
      balanceCents: 4000,
      heldCents: 4000,
      availableCents: 0,
    });
    const alert = await waitForMail(t.db, adminEmail, 'dispute_alert');
    expect(alert.textBody).toContain('dp_lost');
    expect(alert.textBody).toContain('$40 of the wallet is held');
    expect(alert.textBody).toContain('$10 could not be held');
    const errors = t.logs.filter((line) => line.level === 50 && line.disputeId === 'dp_lost');
    expect(errors).toHaveLength(1);
    const status = (await topup.client.get('/api/wallet/auto-topup')).json();
    expect(status.pausedReason).toBe('dispute');

    await deliver(t, stripeEvent('charge.dispute.closed', dispute('dp_lost', topup.intent, 5000, 'lost')));
    expect(await wallet(topup.accountId)).toMatchObject({ balanceCents: 0, heldCents: 0 });
  });

  it('gives the held money back when the dispute is won', async () => {
    const topup = await creditedTopup(30);
    await deliver(t, stripeEvent('charge.dispute.created', dispute('dp_won', topup.intent, 3000)));
    expect(await wallet(topup.accountId)).toMatchObject({ heldCents: 3000, availableCents: 0 });
    await deliver(t, stripeEvent('charge.dispute.closed', dispute('dp_won', topup.intent, 3000, 'won')));
    expect(await wallet(topup.accountId)).toMatchObject({
      balanceCents: 3000,
      heldCents: 0,
      availableCents: 3000,
    });
  });
});
