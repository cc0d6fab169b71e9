import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedWallet } from '../../../test/support/ledger';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

/** The ledger's functions that other modules may call (README, "SQL other modules may call"). */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const query = <Row extends Record<string, unknown>>(text: string, values: unknown[]) =>
  t.database.pool.query<Row>(text, values).then((result) => result.rows);

function hold(owner: string, amountCents: number, key: string) {
  return {
    owner,
    amount_cents: amountCents,
    idempotency_key: key,
    expires_at: new Date(Date.now() + 3_600_000),
    reference: 'ref',
    memo: null,
    actor: 'test',
    created_at: new Date(),
  };
}

describe('ledger_wallet_available', () => {
  it('answers a wallet’s balance less its holds, and nothing without a wallet', async () => {
    const owner = await fundedWallet(t.db, t.modules.ledger.service, 100);
    await query('select * from ledger_place_holds($1)', [JSON.stringify([hold(owner, 30, `h:${owner}`)])]);
    expect(await query('select * from ledger_wallet_available($1)', [owner])).toEqual([
      { available_cents: '70' },
    ]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await query('select * from ledger_wallet_available($1)', [unknown])).toEqual([]);
  });
});

describe('ledger_lock_wallets', () => {
  it('answers each wallet’s available credit and holds its row lock until the transaction ends', async () => {
    const owner = await fundedWallet(t.db, t.modules.ledger.service, 50);
    const client = await t.database.pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query('select * from ledger_lock_wallets($1)', [[owner]]);
      expect(rows).toEqual([{ owner, available_cents: '50' }]);
      const locked = await query<{ locked: boolean }>(
        `select not exists (select from ledger_accounts where account_id = $1 for update skip locked) as locked`,
        [owner],
      );
      expect(locked).toEqual([{ locked: true }]);
      await client.query('rollback');
    } finally {
      client.release();
    }
  });
});

describe('ledger_place_holds', () => {
  it('places every hold in the order given, or none when a wallet cannot cover the sum of its holds', async () => {
    const owner = await fundedWallet(t.db, t.modules.ledger.service, 100);
    const none = await query('select * from ledger_place_holds($1)', [
      JSON.stringify([hold(owner, 60, `a:${owner}`), hold(owner, 41, `b:${owner}`)]),
    ]);
    expect(none).toEqual([]);
    const placed = await query<{ item: number; placed: string }>('select * from ledger_place_holds($1)', [
      JSON.stringify([hold(owner, 60, `a:${owner}`), hold(owner, 40, `b:${owner}`)]),
    ]);
    expect(placed.map((row) => row.item)).toEqual([1, 2]);
    expect(await t.modules.ledger.service.walletSummary(owner)).toMatchObject({ heldCents: 100 });
  });

  it('places nothing when a key is repeated or already taken', async () => {
    const owner = await fundedWallet(t.db, t.modules.ledger.service, 100);
    const again = JSON.stringify([hold(owner, 10, `k:${owner}`), hold(owner, 10, `k:${owner}`)]);
    expect(await query('select * from ledger_place_holds($1)', [again])).toEqual([]);
    await query('select * from ledger_place_holds($1)', [JSON.stringify([hold(owner, 10, `k:${owner}`)])]);
    expect(
      await query('select * from ledger_place_holds($1)', [JSON.stringify([hold(owner, 5, `k:${owner}`)])]),
    ).toEqual([]);
    expect(await t.modules.ledger.service.walletSummary(owner)).toMatchObject({ heldCents: 10 });
  });
});
