import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { alias, unionAll } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.adapter';
import type { LedgerRef, SystemAccountCode } from './ledger.domain';
import type { Hold, Transfer } from './postings.repository';
import { holds, ledgerAccounts, transfers } from './tables';

export type LedgerAccount = typeof ledgerAccounts.$inferSelect;

const debitAccount = alias(ledgerAccounts, 'debit_account');
const creditAccount = alias(ledgerAccounts, 'credit_account');

function refOf(account: { accountId: string | null; systemCode: SystemAccountCode | null }): LedgerRef {
  if (account.accountId) return { wallet: account.accountId };
  if (account.systemCode) return { system: account.systemCode };
  throw new Error('a ledger account is neither a wallet nor a system account');
}

/** Transfers with this account on either side. */
function touching(ledgerAccountId: string) {
  return or(eq(transfers.debitAccountId, ledgerAccountId), eq(transfers.creditAccountId, ledgerAccountId));
}

function one<T>(rows: T[]): T | undefined {
  return rows[0];
}

/** A transfer with both of its sides named as the callers name them (wallet owner or system code). */
export type TransferWithSides = { transfer: Transfer; debit: LedgerRef; credit: LedgerRef };

export const ledgerRepository = {
  /** Creates the system accounts that do not exist yet, and returns every one of them. */
  async ensureSystemAccounts(db: Executor, codes: readonly SystemAccountCode[]) {
    await db
      .insert(ledgerAccounts)
      .values(codes.map((systemCode) => ({ kind: 'system' as const, systemCode })))
      .onConflictDoNothing({ target: ledgerAccounts.systemCode });
    return db
      .select({ id: ledgerAccounts.id, systemCode: ledgerAccounts.systemCode })
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.kind, 'system'));
  },

  async openWallet(db: Executor, accountId: string): Promise<LedgerAccount> {
    const [created] = await db
      .insert(ledgerAccounts)
      .values({ kind: 'wallet', accountId, balanceCents: 0, heldCents: 0 })
      .onConflictDoNothing({ target: ledgerAccounts.accountId })
      .returning();
    if (created) return created;
    const existing = await ledgerRepository.findWallet(db, accountId);
    if (!existing) throw new Error(`wallet of ${accountId} neither created nor found`);
    return existing;
  },

  /** Which of these identity accounts have a wallet (and so can never be deleted). */
  async accountsWithWallets(db: Executor, accountIds: readonly string[]): Promise<string[]> {
    if (accountIds.length === 0) return [];
    const rows = await db
      .select({ accountId: ledgerAccounts.accountId })
      .from(ledgerAccounts)
      .where(inArray(ledgerAccounts.accountId, [...accountIds]));
    return rows.flatMap((row) => (row.accountId ? [row.accountId] : []));
  },

  async findWallet(db: Executor, accountId: string): Promise<LedgerAccount | undefined> {
    return one(await db.select().from(ledgerAccounts).where(eq(ledgerAccounts.accountId, accountId)));
  },

  async findSystem(db: Executor, code: SystemAccountCode): Promise<LedgerAccount | undefined> {
    return one(await db.select().from(ledgerAccounts).where(eq(ledgerAccounts.systemCode, code)));
  },

  /** A system account's balance: what it received minus what it paid, over every transfer. */
  async derivedBalance(db: Executor, ledgerAccountId: string): Promise<number> {
    const [row] = await db
      .select({
        total: sql<string>`coalesce(sum(case when ${transfers.creditAccountId} = ${ledgerAccountId}
          then ${transfers.amountCents} else -${transfers.amountCents} end), 0)`,
      })
      .from(transfers)
      .where(touching(ledgerAccountId));
    return Number(row?.total ?? 0);
  },

  async findTransferByKey(db: Executor, idempotencyKey: string): Promise<TransferWithSides | undefined> {
    const row = one(
      await db
        .select({ transfer: transfers, debit: debitAccount, credit: creditAccount })
        .from(transfers)
        .innerJoin(debitAccount, eq(debitAccount.id, transfers.debitAccountId))
        .innerJoin(creditAccount, eq(creditAccount.id, transfers.creditAccountId))
        .where(eq(transfers.idempotencyKey, idempotencyKey)),
    );
    return row && { transfer: row.transfer, debit: refOf(row.debit), credit: refOf(row.credit) };
  },

  async findTransferByHold(db: Executor, holdId: string): Promise<Transfer | undefined> {
    return one(await db.select().from(transfers).where(eq(transfers.holdId, holdId)));
  },

  async findHold(db: Executor, where: { id: string } | { idempotencyKey: string }) {
    const condition = 'id' in where ? eq(holds.id, where.id) : eq(holds.idempotencyKey, where.idempotencyKey);
    return one(
      await db
        .select({ hold: holds, owner: ledgerAccounts.accountId })
        .from(holds)
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, holds.ledgerAccountId))
        .where(condition),
    ) as { hold: Hold; owner: string } | undefined;
  },

  async listDueHolds(db: Executor, now: Date, limit: number): Promise<string[]> {
    const rows = await db
      .select({ id: holds.id })
      .from(holds)
      .where(and(eq(holds.status, 'active'), lte(holds.expiresAt, now)))
      .orderBy(asc(holds.expiresAt))
      .limit(limit);
    return rows.map((row) => row.id);
  },

  /**
   * A page of an account's transfers, newest first, from before the `before` seq. Each side is read through
   * its own (account, seq) index and limited there, so a page costs the same however long the history is.
   */
  async history(db: Executor, ledgerAccountId: string, page: { before: number | null; limit: number }) {
    const side = (column: typeof transfers.debitAccountId | typeof transfers.creditAccountId) =>
      db
        .select()
        .from(transfers)
        .where(
          and(eq(column, ledgerAccountId), page.before === null ? undefined : lt(transfers.seq, page.before)),
        )
        .orderBy(desc(transfers.seq))
        .limit(page.limit);
    return unionAll(side(transfers.debitAccountId), side(transfers.creditAccountId))
      .orderBy(desc(transfers.seq))
      .limit(page.limit);
  },

  /** What left a wallet in [from, to) for each actor, for transfers of one kind (e.g. calls per seat). */
  async spendByActor(db: Executor, ledgerAccountId: string, kind: Transfer['kind'], from: Date, to: Date) {
    return db
      .select({
        actor: transfers.actor,
        count: sql<number>`count(*)::int`,
        totalCents: sql<number>`sum(${transfers.amountCents})::bigint`.mapWith(Number),
      })
      .from(transfers)
      .where(
        and(
          eq(transfers.debitAccountId, ledgerAccountId),
          eq(transfers.kind, kind),
          gte(transfers.createdAt, from),
          lt(transfers.createdAt, to),
        ),
      )
      .groupBy(transfers.actor);
  },

  /** An account's transfers created in [from, to), in the order they were applied. */
  async transfersBetween(db: Executor, ledgerAccountId: string, from: Date, to: Date): Promise<Transfer[]> {
    return db
      .select()
      .from(transfers)
      .where(and(touching(ledgerAccountId), gte(transfers.createdAt, from), lt(transfers.createdAt, to)))
      .orderBy(asc(transfers.seq));
  },

  /** The last transfer of an account created before `at`, whose balance after opens a statement. */
  async lastTransferBefore(db: Executor, ledgerAccountId: string, at: Date): Promise<Transfer | undefined> {
    return one(
      await db
        .select()
        .from(transfers)
        .where(and(touching(ledgerAccountId), lt(transfers.createdAt, at)))
        .orderBy(desc(transfers.seq))
        .limit(1),
    );
  },
};
