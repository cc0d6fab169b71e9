import { AppError } from '../../platform/errors/app.errors';
import {
  describeTransfer,
  type LedgerRef,
  parseCursor,
  parseLimit,
  requireLedgerRef,
  requireUuid,
  type TransferKind,
} from './ledger.domain';
import { unknownLedgerAccount } from './ledger.errors';
import { type LedgerAccount, ledgerRepository as repository } from './ledger.repository';
import type { LedgerContext } from './ledger-context.service';
import type { Transfer } from './postings.repository';

export type Balance = { balanceCents: number; heldCents: number; availableCents: number };
export type WalletSummary = Balance & { accountId: string; currency: 'USD' };

/** A transfer as one account sees it: money in is positive, money out negative. */
export type HistoryItem = {
  id: string;
  kind: TransferKind;
  description: string;
  amountCents: number;
  /** The account's balance right after this transfer; null for system accounts (not cached). */
  balanceAfterCents: number | null;
  reference: string | null;
  createdAt: Date;
};
export type HistoryPage = { items: HistoryItem[]; nextCursor: string | null };

export type StatementRow = HistoryItem & { balanceAfterCents: number };
export type Statement = {
  accountId: string;
  from: Date;
  to: Date;
  openingBalanceCents: number;
  closingBalanceCents: number;
  rows: StatementRow[];
};

/** A statement covers at most a year, so that one download stays a reasonable size. */
export const MAX_STATEMENT_DAYS = 366;
const DAY_MS = 24 * 3600 * 1000;

function balanceOfWallet(wallet: LedgerAccount): Balance {
  const balanceCents = wallet.balanceCents ?? 0;
  const heldCents = wallet.heldCents ?? 0;
  return { balanceCents, heldCents, availableCents: balanceCents - heldCents };
}

function viewOf(ledgerAccountId: string, transfer: Transfer): HistoryItem {
  const incoming = transfer.creditAccountId === ledgerAccountId;
  return {
    id: transfer.id,
    kind: transfer.kind,
    description: describeTransfer(transfer),
    amountCents: incoming ? transfer.amountCents : -transfer.amountCents,
    balanceAfterCents: incoming ? transfer.creditBalanceAfterCents : transfer.debitBalanceAfterCents,
    reference: transfer.reference,
    createdAt: transfer.createdAt,
  };
}

function requireRange(from: unknown, to: unknown): { from: Date; to: Date } {
  const valid = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());
  const refuse = (path: string, message: string) =>
    new AppError('validation_failed', message, { fields: [{ path, message }] });
  if (!valid(from)) throw refuse('from', 'Enter a start date such as 2026-11-01.');
  if (!valid(to)) throw refuse('to', 'Enter an end date such as 2026-11-30.');
  if (to <= from) throw refuse('to', 'Choose an end date after the start date.');
  if (to.getTime() - from.getTime() > MAX_STATEMENT_DAYS * DAY_MS)
    throw refuse('to', `Choose a period of at most ${MAX_STATEMENT_DAYS} days.`);
  return { from, to };
}

/** Read models for the Credits page, statements and admins. */
export function createWalletViews(context: LedgerContext) {
  const { db } = context;

  async function requireWallet(accountId: string): Promise<LedgerAccount> {
    const owner = requireUuid(accountId, 'accountId');
    const wallet = await repository.findWallet(db, owner);
    if (!wallet) throw unknownLedgerAccount({ wallet: owner });
    return wallet;
  }

  async function ledgerAccountIdOf(ref: LedgerRef): Promise<string> {
    return 'wallet' in ref ? (await requireWallet(ref.wallet)).id : context.systemAccountId(ref.system);
  }

  return {
    /** Balance, held and available credit of an account's wallet. */
    async walletSummary(accountId: string): Promise<WalletSummary> {
      const wallet = await requireWallet(accountId);
      return { accountId: wallet.accountId as string, currency: 'USD', ...balanceOfWallet(wallet) };
    },

    /**
     * What each actor spent from a wallet on transfers of one kind in [from, to): calls per seat, when the
     * calls module records the seat's membership as the actor (`membership:<id>`).
     */
    async spendByActor(accountId: string, kind: TransferKind, from: Date, to: Date) {
      const { from: start, to: end } = requireRange(from, to);
      const wallet = await repository.findWallet(db, requireUuid(accountId, 'accountId'));
      if (!wallet) return [];
      return repository.spendByActor(db, wallet.id, kind, start, end);
    },

    /** A wallet's cached balance, or a system account's balance derived from its transfers. */
    async balanceOf(account: LedgerRef): Promise<Balance> {
      const ref = requireLedgerRef(account, 'account');
      if ('wallet' in ref) return balanceOfWallet(await requireWallet(ref.wallet));
      const balanceCents = await repository.derivedBalance(db, await context.systemAccountId(ref.system));
      return { balanceCents, heldCents: 0, availableCents: balanceCents };
    },

    /** An account's transfers, newest first, a page at a time (`nextCursor` is null on the last page). */
    async history(
      account: LedgerRef,
      page: { cursor?: string | null; limit?: number } = {},
    ): Promise<HistoryPage> {
      const before = parseCursor(page.cursor);
      const limit = parseLimit(page.limit);
      const id = await ledgerAccountIdOf(requireLedgerRef(account, 'account'));
      const rows = await repository.history(db, id, { before, limit: limit + 1 });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map((transfer) => viewOf(id, transfer)),
        nextCursor: rows.length > limit && last ? String(last.seq) : null,
      };
    },

    /**
     * A wallet's transfers created in [from, to), oldest first, with the balances that open and close the
     * period: the rows of a CSV statement.
     */
    async statement(accountId: string, from: Date, to: Date): Promise<Statement> {
      const range = requireRange(from, to);
      const wallet = await requireWallet(accountId);
      const transfers = await repository.transfersBetween(db, wallet.id, range.from, range.to);
      const rows = transfers.map((transfer) => viewOf(wallet.id, transfer) as StatementRow);
      const first = rows[0];
      const before = first ? undefined : await repository.lastTransferBefore(db, wallet.id, range.from);
      const openingBalanceCents = first
        ? first.balanceAfterCents - first.amountCents
        : before
          ? (viewOf(wallet.id, before).balanceAfterCents ?? 0)
          : 0;
      return {
        accountId: wallet.accountId as string,
        ...range,
        openingBalanceCents,
        closingBalanceCents: rows.at(-1)?.balanceAfterCents ?? openingBalanceCents,
        rows,
      };
    },
  };
}
