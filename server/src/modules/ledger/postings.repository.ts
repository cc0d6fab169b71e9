import type { Database, Executor } from '../../db/client.adapter';
import { isUniqueViolation } from '../../db/postgres.errors';
import { inTransactionUnlessEmpty, runPrepared } from '../../db/prepared.util';
import {
  type Capture,
  type CaptureRow,
  captureHold,
  type Hold,
  type HoldCapture,
  type HoldPlacement,
  type HoldRow,
  type HoldSettlement,
  type MoveRow,
  moveBetweenSystems,
  moveBetweenWallets,
  moveWallets,
  placeHold,
  type SystemsMove,
  settleHold,
  type Transfer,
  type TransferRow,
  toCapture,
  toHold,
  toTransfer,
  type WalletMove,
  type WalletsMove,
} from './postings.statements';

export type { Hold, Transfer } from './postings.statements';

/** What a posting did: applied, refused by the unique idempotency key, or not applied (see why separately). */
export type Posting<T> =
  | { status: 'applied'; row: T }
  | { status: 'duplicate_key' }
  | { status: 'not_applied' };

/** Runs a posting; a duplicate idempotency key (a race with the same key) is an outcome, not an error. */
async function post<R, T>(run: () => Promise<R[]>, map: (row: R) => T, keyConstraint: string) {
  try {
    const [row] = await run();
    return row ? ({ status: 'applied', row: map(row) } as const) : ({ status: 'not_applied' } as const);
  } catch (error) {
    if (isUniqueViolation(error, keyConstraint)) return { status: 'duplicate_key' } as const;
    throw error;
  }
}

const TRANSFER_KEY = 'transfers_idempotency_key_unique';

function compareOwners(a: WalletMove, b: WalletMove): number {
  return a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0;
}
const HOLD_KEY = 'holds_idempotency_key_unique';

/** The money movements, each one statement (see postings.statements.ts). */
export const postingsRepository = {
  /**
   * Posts moves between wallets and system accounts in one statement, taking wallet locks in owner order;
   * returns each move's outcome in the order given.
   */
  async moveWallets(db: Executor, moves: WalletMove[]): Promise<Posting<Transfer>[]> {
    const order = moves.map((_, index) => index);
    order.sort((a, b) => compareOwners(moves[a] as WalletMove, moves[b] as WalletMove) || a - b);
    const sorted = order.map((index) => moves[index] as WalletMove);
    const rows = await runPrepared<MoveRow, WalletMove[]>(db, moveWallets, sorted);
    const postings: Posting<Transfer>[] = new Array(moves.length);
    for (const row of rows) {
      const index = order[row.item - 1] as number;
      postings[index] =
        row.outcome === 'applied' && row.id !== null
          ? { status: 'applied', row: toTransfer(row) }
          : { status: row.outcome === 'duplicate_key' ? 'duplicate_key' : 'not_applied' };
    }
    return postings;
  },

  moveBetweenWallets(db: Database, move: WalletsMove): Promise<Posting<Transfer>> {
    // One wallet may have been updated while the other could not be: no row, and the update is undone.
    const inTransaction = () =>
      inTransactionUnlessEmpty(db, (connection) =>
        runPrepared<TransferRow, WalletsMove>(connection, moveBetweenWallets, move),
      );
    return post(inTransaction, toTransfer, TRANSFER_KEY);
  },

  moveBetweenSystems(db: Database, move: SystemsMove): Promise<Posting<Transfer>> {
    return post(
      () => runPrepared<TransferRow, SystemsMove>(db, moveBetweenSystems, move),
      toTransfer,
      TRANSFER_KEY,
    );
  },

  placeHold(db: Database, hold: HoldPlacement): Promise<Posting<Hold>> {
    return post(() => runPrepared<HoldRow, HoldPlacement>(db, placeHold, hold), toHold, HOLD_KEY);
  },

  captureHold(db: Database, capture: HoldCapture): Promise<Posting<Capture>> {
    return post(
      () => runPrepared<CaptureRow, HoldCapture>(db, captureHold, capture),
      toCapture,
      TRANSFER_KEY,
    );
  },

  /** Releases (or expires) an active hold; null when it was not active (or, to expire, not yet due). */
  async settleHold(db: Database, settlement: HoldSettlement): Promise<Hold | null> {
    const [row] = await runPrepared<HoldRow, HoldSettlement>(db, settleHold, settlement);
    return row ? toHold(row) : null;
  },
};
