import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, uniqueEmail } from '../../../test/support/accounts';
import { createTestClock } from '../../../test/support/clock';
import { createHttpClient } from '../../../test/support/http-client';
import { linkTokenIn, waitForMail } from '../../../test/support/mail';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { createLogger } from '../../platform/logger.adapter';
import { deleteNeverSignedIn } from './cleanup.service';
import { accounts, memberships, users } from './tables';
import { usersRepository } from './users.repository';

describe('deleting people who never signed in', () => {
  let t: TestApp;
  const clock = createTestClock();
  const client = () => createHttpClient(t.app, { origin: 'http://localhost:3000' });

  beforeAll(async () => {
    t = await createTestApp({ work: true, clock });
  });
  afterAll(async () => {
    await t.close();
  });

  async function enter(email: string) {
    await client().post('/api/auth/email', { email });
    return waitForMail(t.db, email, 'magic_link');
  }

  /** Someone the email entry created before its link was used (as it did before links created people). */
  async function createdButNeverSignedIn(email: string) {
    await t.db.transaction(async (tx) => {
      const user = await usersRepository.insert(tx, { email, createdAt: clock.now() });
      await t.modules.identity.accounts.createIndividualAccount(tx, user);
    });
  }

  async function exists(email: string) {
    return (await t.db.select().from(users).where(eq(users.email, email))).length === 1;
  }

  it('removes only the never-used, over a week old, without money history — and their own accounts', async () => {
    const domain = `cleanco-${Date.now()}.test`;
    const owner = client();
    const ownerEmail = uniqueEmail(domain, 'owner');
    const company = await signUp(owner, {
      email: ownerEmail,
      accountType: 'company',
      companyName: 'CleanCo',
    });

    const abandoned = uniqueEmail('abandoned.test');
    await createdButNeverSignedIn(abandoned);
    const withMoney = uniqueEmail('money.test');
    await createdButNeverSignedIn(withMoney);
    const used = uniqueEmail('used.test');
    const usedMail = await enter(used);
    await client().post('/api/auth/magic', { token: linkTokenIn(usedMail.textBody) });
    const unusedSeat = uniqueEmail(domain, 'seat');
    await owner.post('/api/account/seats', { email: unusedSeat });

    const recent = uniqueEmail('recent.test');
    clock.advance(8 * 86_400_000);
    await createdButNeverSignedIn(recent);

    const [moneyAccount] = await t.db
      .select({ id: memberships.accountId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, withMoney));
    const [abandonedAccount] = await t.db
      .select({ id: memberships.accountId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, abandoned));

    const deleted = await deleteNeverSignedIn(
      {
        db: t.db,
        logger: createLogger({ log: { level: 'silent' } }),
        moneyHistory: async (ids) => new Set(ids.filter((id) => id === moneyAccount?.id)),
      },
      clock.now(),
    );

    expect(deleted).toBe(2);
    expect(await exists(abandoned)).toBe(false);
    expect(await exists(unusedSeat)).toBe(false);
    expect(await exists(withMoney)).toBe(true);
    expect(await exists(used)).toBe(true);
    expect(await exists(recent)).toBe(true);
    expect(await exists(ownerEmail)).toBe(true);
    const remaining = await t.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(inArray(accounts.id, [company.account.id, abandonedAccount?.id ?? '']));
    expect(remaining.map((row) => row.id)).toEqual([company.account.id]);
  });

  it('runs as part of the daily housekeeping sweep', async () => {
    const run = await t.modules.housekeeping.service.sweep('manual');
    expect(Object.keys(run.results)).toEqual(
      expect.arrayContaining([
        'identity.never-signed-in',
        'identity.expired-sessions',
        'identity.expired-links',
      ]),
    );
    expect(Object.values(run.results).every((count) => count >= 0)).toBe(true);
  });
});
