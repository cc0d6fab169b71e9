import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedWallet, manualClock, refusal } from '../../../test/support/ledger';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import type { LedgerService } from './index';

const clock = manualClock(new Date('2026-03-01T10:00:00Z'));
let t: TestApp;
let ledger: LedgerService;
beforeAll(async () => {
  t = await createTestApp({ clock });
  ledger = t.modules.ledger.service;
});
afterAll(async () => {
  await t.close();
});

const hour = 3600 * 1000;

/** A wallet with five transfers, one an hour from 10:00: +1000, −100, −200, +50, −300. */
async function walletWithActivity() {
  clock.set(new Date('2026-03-01T10:00:00Z'));
  const accountId = await fundedWallet(t.db, ledger, 1_000);
  const moves = [-100, -200, 50, -300];
  for (const [i, cents] of moves.entries()) {
    clock.advance(hour);
    const request = {
      accountId,
      amountCents: Math.abs(cents),
      idempotencyKey: `move:${accountId}:${i}`,
      reference: `CA${i}`,
    };
    if (cents < 0) await ledger.debit({ ...request, kind: 'call', memo: `Call ${i}` });
    else await ledger.credit({ ...request, kind: 'adjustment' });
  }
  return accountId;
}

describe('history', () => {
  it('lists a wallet’s transfers newest first, signed from its side, with the balance after each', async () => {
    const accountId = await walletWithActivity();
    const page = await ledger.history({ wallet: accountId });
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((item) => [item.amountCents, item.balanceAfterCents])).toEqual([
      [-300, 450],
      [50, 750],
      [-200, 700],
      [-100, 900],
      [1_000, 1_000],
    ]);
    expect(page.items[0]).toMatchObject({
      kind: 'call',
      description: 'Call 3',
      reference: 'CA3',
      createdAt: new Date('2026-03-01T14:00:00Z'),
    });
    expect(page.items[1]).toMatchObject({ kind: 'adjustment', description: 'Adjustment' });
  });

  it('pages with the cursor it returns until there is no next page', async () => {
    const accountId = await walletWithActivity();
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await ledger.history({ wallet: accountId }, { cursor, limit: 2 });
      seen.push(...page.items.map((item) => item.amountCents));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([-300, 50, -200, -100, 1_000]);
  });

  it('lists a system account’s side, without a balance after', async () => {
    await walletWithActivity();
    const page = await ledger.history({ system: 'call_revenue' }, { limit: 1 });
    expect(page.items[0]).toMatchObject({ amountCents: 300, balanceAfterCents: null, reference: 'CA3' });
    expect(page.nextCursor).not.toBeNull();
  });

  it('refuses cursors and limits it did not issue', async () => {
    const accountId = await walletWithActivity();
    expect((await refusal(ledger.history({ wallet: accountId }, { cursor: 'abc' }))).code).toBe(
      'validation_failed',
    );
    expect((await refusal(ledger.history({ wallet: accountId }, { limit: 1_000 }))).code).toBe(
      'validation_failed',
    );
  });
});

describe('statements', () => {
  it('lists the transfers of a period oldest first, between its opening and closing balances', async () => {
    const accountId = await walletWithActivity();
    const statement = await ledger.statement(
      accountId,
      new Date('2026-03-01T11:00:00Z'),
      new Date('2026-03-01T13:00:00Z'),
    );
    expect(statement.openingBalanceCents).toBe(1_000);
    expect(statement.rows.map((row) => [row.amountCents, row.balanceAfterCents, row.description])).toEqual([
      [-100, 900, 'Call 0'],
      [-200, 700, 'Call 1'],
    ]);
    expect(statement.closingBalanceCents).toBe(700);
  });

  it('opens and closes an empty period at the balance of its start', async () => {
    const accountId = await walletWithActivity();
    const quiet = await ledger.statement(
      accountId,
      new Date('2026-03-02T00:00:00Z'),
      new Date('2026-03-03T00:00:00Z'),
    );
    expect(quiet).toMatchObject({ openingBalanceCents: 450, closingBalanceCents: 450, rows: [] });
    const before = await ledger.statement(
      accountId,
      new Date('2026-02-01T00:00:00Z'),
      new Date('2026-02-02T00:00:00Z'),
    );
    expect(before).toMatchObject({ openingBalanceCents: 0, closingBalanceCents: 0, rows: [] });
  });

  it('refuses a period that ends before it starts or spans more than a year', async () => {
    const accountId = await walletWithActivity();
    const start = new Date('2026-03-01T00:00:00Z');
    expect((await refusal(ledger.statement(accountId, start, start))).code).toBe('validation_failed');
    const late = new Date('2027-03-03T00:00:00Z');
    expect((await refusal(ledger.statement(accountId, start, late))).code).toBe('validation_failed');
    expect((await refusal(ledger.statement(accountId, new Date('x'), start))).code).toBe('validation_failed');
  });
});
