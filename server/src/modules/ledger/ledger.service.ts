import type { Executor } from '../../db/client.adapter';
import { createBatcher } from '../../platform/batcher.util';
import { AppError } from '../../platform/errors/app.errors';
import type { Actor } from '../audit';
import { createHoldsService } from './holds.service';
import {
  type Details,
  defaultCounterparty,
  type LedgerRef,
  MAX_MEMO_LENGTH,
  parseDetails,
  requireAmount,
  requireIdempotencyKey,
  requireKind,
  requireLedgerRef,
  requireSignedAmount,
  requireText,
  requireUuid,
  type SystemAccountCode,
  sameRef,
  type TransferKind,
} from './ledger.domain';
import { idempotencyConflict } from './ledger.errors';
import { ledgerRepository as repository, type TransferWithSides } from './ledger.repository';
import { createLedgerContext, type LedgerDeps } from './ledger-context.service';
import { type Posting, postingsRepository as postings, type Transfer } from './postings.repository';
import type { WalletMove } from './postings.statements';
import { createReconciliationService } from './reconciliation.service';
import { createWalletViews } from './wallet-views.service';

export type { LedgerDeps } from './ledger-context.service';

export type TransferRequest = {
  kind: TransferKind;
  from: LedgerRef;
  to: LedgerRef;
  amountCents: number;
  idempotencyKey: string;
} & Details;

/** `replayed`: the idempotency key had already moved this money; this is that original transfer. */
export type TransferResult = { transfer: Transfer; replayed: boolean };

/** Money between a wallet and a system account. */
type WalletMovement = {
  accountId: string;
  amountCents: number;
  kind: TransferKind;
  idempotencyKey: string;
  /** The system account on the other side; by default the one for the kind (e.g. provider cash for a top-up). */
  counterparty?: SystemAccountCode;
} & Details;

/**
 * Moves between wallets and system accounts (calls, top-ups, fees…) that arrive while others are being
 * posted are posted together: one statement, one commit and one lock hold per wallet for the whole batch,
 * and when the whole batch is sure to go through, a few set-based statements rather than two per move (see
 * `sql/postings.sql`). That is what lets a hot wallet take many transfers a second. Two
 * batches at a time measured best here (figures: bench/README.md): PostgreSQL works on one while the other
 * waits for its commit to reach the disk, and each stays large. A lone transfer is posted at once.
 */
export const POSTING_BATCHES_IN_FLIGHT = 2;
const MAX_POSTINGS_PER_BATCH = 100;

function parseTransfer(input: TransferRequest) {
  const from = requireLedgerRef(input.from, 'from');
  const to = requireLedgerRef(input.to, 'to');
  if (sameRef(from, to))
    throw new AppError('validation_failed', 'A transfer needs two different accounts.', {
      fields: [{ path: 'to', message: 'is the same account as from' }],
    });
  return {
    kind: requireKind(input.kind),
    from,
    to,
    amountCents: requireAmount(input.amountCents),
    idempotencyKey: requireIdempotencyKey(input.idempotencyKey),
    ...parseDetails(input),
  };
}
type ParsedTransfer = ReturnType<typeof parseTransfer>;

function matches(request: ParsedTransfer, existing: TransferWithSides): boolean {
  return (
    existing.transfer.kind === request.kind &&
    existing.transfer.amountCents === request.amountCents &&
    sameRef(existing.debit, request.from) &&
    sameRef(existing.credit, request.to)
  );
}

export function createLedgerService(deps: LedgerDeps) {
  const context = createLedgerContext(deps);
  const { db, clock } = deps;
  const walletMoves = createBatcher({
    run: (moves: WalletMove[]) => postings.moveWallets(db, moves),
    maxInFlight: POSTING_BATCHES_IN_FLIGHT,
    maxBatch: MAX_POSTINGS_PER_BATCH,
  });

  /**
   * Posts the transfer with the statement for its shape: wallet and system, two wallets, two systems. Inside
   * a caller's transaction, a move between a wallet and a system account is posted there rather than batched.
   */
  async function apply(request: ParsedTransfer, executor?: Executor): Promise<Posting<Transfer>> {
    const { from, to, amountCents } = request;
    const details = { ...request, now: clock.now() };
    if (executor) {
      const side =
        'wallet' in from && !('wallet' in to)
          ? { owner: from.wallet, delta: -amountCents, system: to.system }
          : 'wallet' in to && !('wallet' in from)
            ? { owner: to.wallet, delta: amountCents, system: from.system }
            : null;
      if (!side) throw new Error('only moves between a wallet and a system account join a transaction');
      const { system, ...move } = side;
      const systemAccountId = await context.systemAccountId(system);
      const [posting] = await postings.moveWallets(executor, [{ ...details, ...move, systemAccountId }]);
      if (!posting) throw new Error('the wallet move returned no outcome');
      return posting;
    }
    if ('wallet' in from) {
      if ('wallet' in to) {
        const payer = { owner: from.wallet, delta: -amountCents };
        const payee = { owner: to.wallet, delta: amountCents };
        const [first, second] = payer.owner < payee.owner ? [payer, payee] : [payee, payer];
        return postings.moveBetweenWallets(db, { ...details, first, second });
      }
      const systemAccountId = await context.systemAccountId(to.system);
      return walletMoves.submit({ ...details, owner: from.wallet, delta: -amountCents, systemAccountId });
    }
    if ('wallet' in to) {
      const systemAccountId = await context.systemAccountId(from.system);
      return walletMoves.submit({ ...details, owner: to.wallet, delta: amountCents, systemAccountId });
    }
    const debitAccountId = await context.systemAccountId(from.system);
    const creditAccountId = await context.systemAccountId(to.system);
    return postings.moveBetweenSystems(db, { ...details, debitAccountId, creditAccountId, amountCents });
  }

  /**
   * Moves `amountCents` from one account to another, exactly once per idempotency key: the same key with the
   * same kind, accounts and amount returns the original transfer; with anything else it is refused (409).
   */
  async function transfer(input: TransferRequest, executor?: Executor): Promise<TransferResult> {
    const request = parseTransfer(input);
    return context.counted('transfer', async () => {
      const { row, replayed } = await context.postOnce({
        apply: () => apply(request, executor),
        find: () => repository.findTransferByKey(db, request.idempotencyKey),
        replay: (existing) => {
          if (!matches(request, existing)) throw idempotencyConflict(request.idempotencyKey);
          return existing.transfer;
        },
        // A missing wallet on either side is the first thing to say; then whether the payer can pay.
        refuse: async () => {
          if ('wallet' in request.to) await context.explainRefusal(request.to.wallet, null);
          if ('wallet' in request.from)
            await context.explainRefusal(request.from.wallet, request.amountCents);
        },
      });
      // Listeners read the wallet: inside a caller's transaction, they are told by the caller once it commits.
      if (!replayed && !executor && 'wallet' in request.from)
        await context.walletDebited(request.from.wallet);
      return { transfer: row, replayed };
    });
  }

  /** Money into a wallet from a system account (a top-up, a positive adjustment…). */
  async function credit(input: WalletMovement, executor?: Executor): Promise<TransferResult> {
    const { accountId, counterparty, ...rest } = input;
    const system = counterparty ?? defaultCounterparty[requireKind(input.kind)];
    return transfer({ ...rest, from: { system }, to: { wallet: accountId } }, executor);
  }

  /** Money out of a wallet to a system account (a call, a number fee, a refund…); never below zero. */
  async function debit(input: WalletMovement, executor?: Executor): Promise<TransferResult> {
    const { accountId, counterparty, ...rest } = input;
    const system = counterparty ?? defaultCounterparty[requireKind(input.kind)];
    return transfer({ ...rest, from: { wallet: accountId }, to: { system } }, executor);
  }

  /**
   * A platform admin's correction, either way. The reason and the admin are recorded on the transfer, which
   * can never change, and in the admin audit log, written in the same transaction. A negative adjustment cannot
   * take the wallet below zero; a refused one leaves no audit row.
   */
  async function adjust(input: {
    accountId: string;
    amountCents: number;
    reason: string;
    idempotencyKey: string;
    admin: Actor;
  }): Promise<TransferResult> {
    const amount = requireSignedAmount(input.amountCents);
    const request = {
      accountId: input.accountId,
      amountCents: Math.abs(amount),
      kind: 'adjustment' as const,
      idempotencyKey: input.idempotencyKey,
      memo: requireText(input.reason, 'reason', MAX_MEMO_LENGTH),
      actor: `admin:${input.admin.id}`,
    };
    const result = await db.transaction(async (tx) => {
      const posted = amount > 0 ? await credit(request, tx) : await debit(request, tx);
      if (!posted.replayed) {
        // The posting locked the wallet's row, so this reads the balance it left.
        const after = (await repository.findWallet(tx, request.accountId))?.balanceCents ?? 0;
        await deps.audit.record(tx, {
          actor: input.admin,
          action: 'wallet.adjust',
          target: `account:${request.accountId}`,
          reason: request.memo,
          details: {
            amountCents: amount,
            transferId: posted.transfer.id,
            balanceBeforeCents: after - amount,
            balanceAfterCents: after,
          },
        });
      }
      return posted;
    });
    if (!result.replayed && amount < 0) await context.walletDebited(request.accountId);
    return result;
  }

  /** Opens the wallet of an identity account; opening it again returns the same wallet. */
  async function openWallet(accountId: string) {
    const wallet = await repository.openWallet(db, requireUuid(accountId, 'accountId'));
    return { ledgerAccountId: wallet.id, accountId: wallet.accountId as string };
  }

  /**
   * The accounts among these that have a wallet. A wallet is opened by the first money movement or the first
   * look at the wallet, and never deleted: its account is kept for good.
   */
  async function accountsWithWallets(accountIds: readonly string[]): Promise<Set<string>> {
    return new Set(await repository.accountsWithWallets(db, accountIds));
  }

  const holds = createHoldsService(context);
  const views = createWalletViews(context);
  const reconciliation = createReconciliationService(context);

  // Every operation of the ledger, each named and leading to its code.
  return {
    onWalletDebited: context.onWalletDebited,
    openWallet,
    accountsWithWallets,
    transfer,
    credit,
    debit,
    adjust,
    // holds.service.ts
    hold: holds.hold,
    capture: holds.capture,
    release: holds.release,
    expireHolds: holds.expireHolds,
    // wallet-views.service.ts
    walletSummary: views.walletSummary,
    spendByActor: views.spendByActor,
    balanceOf: views.balanceOf,
    history: views.history,
    statement: views.statement,
    // reconciliation.service.ts
    reconcile: reconciliation.reconcile,
    listReconciliations: reconciliation.listReconciliations,
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
