import type { PreparedStatement } from '../../db/prepared.util';
import type { HoldStatus, TransferKind } from './ledger.domain';
import type { holds, transfers } from './tables';

/*
 * Every money movement is one SQL statement (one round trip, one commit). The conditional UPDATE of a wallet
 * row takes its row lock and re-checks the available balance against the latest committed version, and only
 * then is the transfer inserted, so nothing is written unless both happen. Locks are always taken in the
 * same order (a hold, then wallets by owner id), so these statements cannot deadlock each other.
 *
 * Idempotency: a key that is already used skips the UPDATE (`not exists`), so a retry writes nothing and
 * raises no error (pg-pool closes a connection after any failed query, which would make each retry reconnect).
 * Two requests racing with one key both pass that check; the unique index then stops the second INSERT,
 * which undoes the second UPDATE with it.
 */

export type Transfer = typeof transfers.$inferSelect;
export type Hold = typeof holds.$inferSelect;

/** What every transfer records besides its accounts and amount. */
export type TransferDetails = {
  kind: TransferKind;
  idempotencyKey: string;
  reference: string | null;
  memo: string | null;
  actor: string;
  now: Date;
};

/** A wallet and a system account; `delta` is the wallet's side, negative when it pays. */
export type WalletMove = TransferDetails & { owner: string; delta: number; systemAccountId: string };
/** Two wallets; `first` is the one whose owner id sorts first, each delta signed from that wallet's side. */
export type WalletsMove = TransferDetails & {
  first: { owner: string; delta: number };
  second: { owner: string; delta: number };
};
export type SystemsMove = TransferDetails & {
  debitAccountId: string;
  creditAccountId: string;
  amountCents: number;
};
export type HoldPlacement = {
  owner: string;
  amountCents: number;
  idempotencyKey: string;
  expiresAt: Date;
  reference: string | null;
  memo: string | null;
  actor: string;
  now: Date;
};
export type HoldCapture = Omit<TransferDetails, 'idempotencyKey'> & {
  holdId: string;
  amountCents: number;
  systemAccountId: string;
};
export type HoldSettlement = { holdId: string; status: 'released' | 'expired'; now: Date };

const TRANSFER_COLUMNS = `id, seq, kind, debit_account_id, credit_account_id, amount_cents, idempotency_key,
  hold_id, reference, memo, actor, debit_balance_after_cents, credit_balance_after_cents, created_at`;
const HOLD_COLUMNS = `id, ledger_account_id, amount_cents, idempotency_key, status, expires_at,
  captured_cents, reference, memo, actor, created_at, settled_at`;
const INSERT_TRANSFER = `insert into transfers (kind, debit_account_id, credit_account_id, amount_cents,
  idempotency_key, hold_id, reference, memo, actor, debit_balance_after_cents, credit_balance_after_cents,
  created_at)`;

/**
 * A batch of moves between wallets and system accounts, through the `ledger_move_wallets` function
 * (sql/postings.sql, falling back to its move-by-move posting): one lock hold per wallet and one commit for the
 * whole batch. Moves must come in lock order.
 */
export const moveWallets: PreparedStatement<WalletMove[]> = {
  name: 'ledger_move_wallets',
  text: `select m.item, m.outcome, ${TRANSFER_COLUMNS.split(',')
    .map((column) => `(m.posted).${column.trim()}`)
    .join(', ')}
    from ledger_move_wallets($1, $2, $3, $4, $5, $6, $7, $8, $9) m`,
  params: (moves) => [
    moves.map((m) => m.owner),
    moves.map((m) => m.delta),
    moves.map((m) => m.systemAccountId),
    moves.map((m) => m.kind),
    moves.map((m) => m.idempotencyKey),
    moves.map((m) => m.reference),
    moves.map((m) => m.memo),
    moves.map((m) => m.actor),
    moves.map((m) => m.now),
  ],
};

/**
 * Unlike a single wallet's move, the first UPDATE can succeed while the second finds no funds, so this one
 * must run in a transaction that is rolled back when no row comes out.
 */
export const moveBetweenWallets: PreparedStatement<WalletsMove> = {
  name: 'ledger_move_between_wallets',
  text: `with first as (
    update ledger_accounts set balance_cents = balance_cents + $2
     where account_id = $1 and balance_cents - held_cents + $2 >= 0
       and not exists (select from transfers where idempotency_key = $6)
    returning id, balance_cents
  ), second as (
    update ledger_accounts target set balance_cents = target.balance_cents + $4
      from first
     where target.account_id = $3 and target.balance_cents - target.held_cents + $4 >= 0
    returning target.id, target.balance_cents
  )
  ${INSERT_TRANSFER}
  select $5::text, case when $2 < 0 then first.id else second.id end,
         case when $2 < 0 then second.id else first.id end, abs($2::bigint), $6::text, null, $7::text, $8::text,
         $9::text,
         case when $2 < 0 then first.balance_cents else second.balance_cents end,
         case when $2 < 0 then second.balance_cents else first.balance_cents end, $10::timestamptz
    from first, second
  returning ${TRANSFER_COLUMNS}`,
  params: (m) => [
    m.first.owner,
    m.first.delta,
    m.second.owner,
    m.second.delta,
    m.kind,
    m.idempotencyKey,
    m.reference,
    m.memo,
    m.actor,
    m.now,
  ],
};

export const moveBetweenSystems: PreparedStatement<SystemsMove> = {
  name: 'ledger_move_between_systems',
  text: `${INSERT_TRANSFER}
  values ($3, $1, $2, $4, $5, null, $6, $7, $8, null, null, $9)
  on conflict (idempotency_key) do nothing
  returning ${TRANSFER_COLUMNS}`,
  params: (m) => [
    m.debitAccountId,
    m.creditAccountId,
    m.kind,
    m.amountCents,
    m.idempotencyKey,
    m.reference,
    m.memo,
    m.actor,
    m.now,
  ],
};

/** Through `ledger_place_hold` (sql/holds.sql): one hold, placed as `ledger_place_holds` places every hold. */
export const placeHold: PreparedStatement<HoldPlacement> = {
  name: 'ledger_place_hold',
  text: `select ${HOLD_COLUMNS} from ledger_place_hold($1, $2, $3, $4, $5, $6, $7, $8)`,
  params: (h) => [h.owner, h.amountCents, h.idempotencyKey, h.expiresAt, h.reference, h.memo, h.actor, h.now],
};

/**
 * The captured amount leaves the wallet and the whole hold stops counting against it, in one go. The
 * transfer's key is derived from the hold (`hold:<id>`), and the hold's status makes a second capture a no-op.
 * Answers the transfer with the hold as it now is (its columns prefixed `hold__`) and the wallet's owner.
 */
export const captureHold: PreparedStatement<HoldCapture> = {
  name: 'ledger_capture_hold',
  text: `with hold as (
    update holds set status = 'captured', captured_cents = $2, settled_at = $8
     where id = $1 and status = 'active' and expires_at > $8 and amount_cents >= $2
    returning ${HOLD_COLUMNS}
  ), wallet as (
    update ledger_accounts account
       set balance_cents = account.balance_cents - $2, held_cents = account.held_cents - hold.amount_cents
      from hold
     where account.id = hold.ledger_account_id
    returning account.id, account.account_id, account.balance_cents
  ), transfer as (
    ${INSERT_TRANSFER}
    select $4::text, wallet.id, $3::uuid, $2, 'hold:' || hold.id, hold.id, $5::text, $6::text, $7::text,
           wallet.balance_cents, null, $8
      from hold, wallet
    returning ${TRANSFER_COLUMNS}
  )
  select transfer.*, wallet.account_id as owner, ${HOLD_COLUMNS.split(',')
    .map((column) => `hold.${column.trim()} as hold__${column.trim()}`)
    .join(', ')}
    from transfer, hold, wallet`,
  params: (c) => [c.holdId, c.amountCents, c.systemAccountId, c.kind, c.reference, c.memo, c.actor, c.now],
};

/** A capture's row: the transfer, the wallet's owner, and the hold's columns prefixed `hold__`. */
export type CaptureRow = TransferRow & { owner: string | null } & {
  [Column in keyof HoldRow as `hold__${Column}`]: HoldRow[Column];
};
export type Capture = { transfer: Transfer; hold: Hold; owner: string | null };

/** Releases an active hold; as `expired`, only once its expiry has passed. */
export const settleHold: PreparedStatement<HoldSettlement> = {
  name: 'ledger_settle_hold',
  text: `with hold as (
    update holds set status = $2, settled_at = $3
     where id = $1 and status = 'active' and ($2 <> 'expired' or expires_at <= $3)
    returning ${HOLD_COLUMNS}
  )
  update ledger_accounts account set held_cents = account.held_cents - hold.amount_cents
    from hold
   where account.id = hold.ledger_account_id
  returning hold.*`,
  params: (s) => [s.holdId, s.status, s.now],
};

/** Rows as PostgreSQL sends them: bigint and timestamps as text. */
export type TransferRow = {
  id: string;
  seq: string;
  kind: TransferKind;
  debit_account_id: string;
  credit_account_id: string;
  amount_cents: string;
  idempotency_key: string;
  hold_id: string | null;
  reference: string | null;
  memo: string | null;
  actor: string;
  debit_balance_after_cents: string | null;
  credit_balance_after_cents: string | null;
  created_at: string;
};
/** One row per move of a batch; the transfer's columns are null unless it was applied. */
export type MoveRow = { item: number; outcome: 'applied' | 'duplicate_key' | 'not_applied' } & (
  | TransferRow
  | { [Column in keyof TransferRow]: null }
);
export type HoldRow = {
  id: string;
  ledger_account_id: string;
  amount_cents: string;
  idempotency_key: string;
  status: HoldStatus;
  expires_at: string;
  captured_cents: string | null;
  reference: string | null;
  memo: string | null;
  actor: string;
  created_at: string;
  settled_at: string | null;
};

function cents(value: string): number;
function cents(value: string | null): number | null;
function cents(value: string | null): number | null {
  if (value === null) return null;
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new Error(`amount out of the safe integer range: ${value}`);
  return number;
}

export function toTransfer(row: TransferRow): Transfer {
  return {
    id: row.id,
    seq: cents(row.seq),
    kind: row.kind,
    debitAccountId: row.debit_account_id,
    creditAccountId: row.credit_account_id,
    amountCents: cents(row.amount_cents),
    idempotencyKey: row.idempotency_key,
    holdId: row.hold_id,
    reference: row.reference,
    memo: row.memo,
    actor: row.actor,
    debitBalanceAfterCents: cents(row.debit_balance_after_cents),
    creditBalanceAfterCents: cents(row.credit_balance_after_cents),
    createdAt: new Date(row.created_at),
  };
}

export function toCapture(row: CaptureRow): Capture {
  return {
    transfer: toTransfer(row),
    owner: row.owner,
    hold: toHold({
      id: row.hold__id,
      ledger_account_id: row.hold__ledger_account_id,
      amount_cents: row.hold__amount_cents,
      idempotency_key: row.hold__idempotency_key,
      status: row.hold__status,
      expires_at: row.hold__expires_at,
      captured_cents: row.hold__captured_cents,
      reference: row.hold__reference,
      memo: row.hold__memo,
      actor: row.hold__actor,
      created_at: row.hold__created_at,
      settled_at: row.hold__settled_at,
    }),
  };
}

export function toHold(row: HoldRow): Hold {
  return {
    id: row.id,
    ledgerAccountId: row.ledger_account_id,
    amountCents: cents(row.amount_cents),
    idempotencyKey: row.idempotency_key,
    status: row.status,
    expiresAt: new Date(row.expires_at),
    capturedCents: cents(row.captured_cents),
    reference: row.reference,
    memo: row.memo,
    actor: row.actor,
    createdAt: new Date(row.created_at),
    settledAt: row.settled_at === null ? null : new Date(row.settled_at),
  };
}
