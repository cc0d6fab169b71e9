import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaller } from '../../../test/support/calls';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

/** Identity's functions that other modules may call (README, "SQL other modules may call"). */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const seat = (membershipId: string) =>
  t.database.pool.query('select * from identity_seat($1)', [membershipId]).then((result) => result.rows);

describe('identity_seat', () => {
  it('answers a seat with its person and account, active while both are', async () => {
    const caller = await newCaller(t, {});
    expect(await seat(caller.membershipId)).toEqual([
      {
        membership_id: caller.membershipId,
        user_id: caller.userId,
        role: 'owner',
        account_id: caller.accountId,
        account_kind: 'individual',
        active: true,
      },
    ]);
    await t.db.execute(sql`update accounts set status = 'suspended' where id = ${caller.accountId}`);
    expect(await seat(caller.membershipId)).toMatchObject([{ active: false }]);
  });

  it('answers nothing for an unknown seat', async () => {
    expect(await seat('00000000-0000-4000-8000-000000000000')).toEqual([]);
  });
});
