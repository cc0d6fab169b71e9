import { fieldLabel, TRANSFER_KINDS } from '@mobayilo/contract';
import { AppError } from '../../platform/errors/app.errors';

export const LEDGER_ACCOUNT_KINDS = ['wallet', 'system'] as const;
export const SYSTEM_ACCOUNT_CODES = [
  'provider_cash',
  'call_revenue',
  'number_revenue',
  'manual_adjustments',
  'write_offs',
] as const;
/** The kinds of transfer are the API contract's. */
export { TRANSFER_KINDS };
export const HOLD_STATUSES = ['active', 'captured', 'released', 'expired'] as const;

export type SystemAccountCode = (typeof SYSTEM_ACCOUNT_CODES)[number];
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export type HoldStatus = (typeof HOLD_STATUSES)[number];

/** A side of a transfer: the wallet of an identity account, or a system account. */
export type LedgerRef = { wallet: string } | { system: SystemAccountCode };

/** What a reconciliation run found wrong with one account, or with the books as a whole. */
export type ReconciliationMismatch =
  | {
      check: 'balance' | 'held';
      ledgerAccountId: string;
      accountId: string | null;
      systemCode: string | null;
      cachedCents: number;
      expectedCents: number;
    }
  | {
      /** A transfer's recorded balance after does not follow from the transfers before it. */
      check: 'chain';
      ledgerAccountId: string;
      accountId: string | null;
      systemCode: string | null;
      transferId: string;
      recordedCents: number;
      expectedCents: number;
    }
  | {
      /** Transfers name an account that does not exist: their money is nowhere in the books. */
      check: 'unknown_account';
      ledgerAccountId: string;
      expectedCents: number;
    }
  | { check: 'zero_sum'; totalCents: number };

/** The system account on the other side of a transfer of this kind, unless the caller names another. */
export const defaultCounterparty: Record<TransferKind, SystemAccountCode> = {
  topup: 'provider_cash',
  auto_topup: 'provider_cash',
  refund: 'provider_cash',
  dispute: 'provider_cash',
  call: 'call_revenue',
  number_fee: 'number_revenue',
  adjustment: 'manual_adjustments',
  write_off: 'write_offs',
};

const kindLabels: Record<TransferKind, string> = {
  topup: 'Top-up',
  auto_topup: 'Automatic top-up',
  call: 'Call',
  number_fee: 'Phone number fee',
  adjustment: 'Adjustment',
  refund: 'Refund',
  dispute: 'Card dispute',
  write_off: 'Write-off',
};

/** What a person reads in their transaction list: the memo when there is one, else the kind in words. */
export function describeTransfer(transfer: { kind: TransferKind; memo: string | null }): string {
  return transfer.memo ?? kindLabels[transfer.kind];
}

export const MAX_KEY_LENGTH = 255;
export const MAX_MEMO_LENGTH = 500;

function invalidAmount(field: string, value: unknown, why: string): AppError {
  const shown = typeof value === 'number' || typeof value === 'string' ? value : typeof value;
  // The field's name stays in the details, for programs; people read about "the amount".
  return new AppError('invalid_amount', `The amount ${why}.`, { field, value: String(shown) });
}

/** Amounts are whole cents, above zero and small enough to stay exact in a JavaScript number. */
export function requireAmount(value: unknown, field = 'amountCents'): number {
  if (typeof value !== 'number' || Number.isNaN(value))
    throw invalidAmount(field, value, 'must be a number of cents');
  if (!Number.isInteger(value)) throw invalidAmount(field, value, 'must be a whole number of cents');
  if (value <= 0) throw invalidAmount(field, value, 'must be more than zero');
  if (!Number.isSafeInteger(value)) throw invalidAmount(field, value, 'is too large');
  return value;
}

/** An adjustment goes either way, so only zero is refused besides what `requireAmount` refuses. */
export function requireSignedAmount(value: unknown, field = 'amountCents'): number {
  if (typeof value === 'number' && value < 0) return -requireAmount(-value, field);
  return requireAmount(value, field);
}

function invalidField(field: string, message: string): AppError {
  const label = fieldLabel([field]);
  const words = `${label.charAt(0).toUpperCase()}${label.slice(1)} ${message}.`;
  return new AppError('validation_failed', words, { fields: [{ path: field, message: words }] });
}

/** Required, non-blank text of bounded length (idempotency keys, reasons, actors). */
export function requireText(value: unknown, field: string, maxLength = MAX_KEY_LENGTH): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidField(field, 'is required');
  if (value.length > maxLength) throw invalidField(field, `must be at most ${maxLength} characters`);
  return value;
}

/** Optional text: undefined and null become null. */
export function optionalText(value: unknown, field: string, maxLength = MAX_KEY_LENGTH): string | null {
  if (value === undefined || value === null) return null;
  return requireText(value, field, maxLength);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else cannot name a row, so it is refused before reaching the database. */
export function requireUuid(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw invalidField(field, 'must be a uuid');
  return value.toLowerCase();
}

/** Capture transfers are keyed `hold:<hold id>`; callers' keys may not look like that. */
const RESERVED_KEY_PREFIX = 'hold:';

export function requireIdempotencyKey(value: unknown): string {
  const key = requireText(value, 'idempotencyKey');
  if (key.startsWith(RESERVED_KEY_PREFIX))
    throw invalidField('idempotencyKey', 'uses the reserved prefix hold:');
  return key;
}

/** What a caller may say about any money movement besides the amounts. */
export type Details = { reference?: string | null; memo?: string | null; actor?: string };

export function parseDetails(input: Details) {
  return {
    reference: optionalText(input.reference, 'reference'),
    memo: optionalText(input.memo, 'memo', MAX_MEMO_LENGTH),
    actor: optionalText(input.actor, 'actor') ?? 'system',
  };
}

/** Hold expiries must lie ahead: a hold that is already expired could never be captured. */
export function requireFutureDate(value: unknown, now: Date, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalidField(field, 'must be a date');
  if (value <= now) throw invalidField(field, 'must be in the future');
  return value;
}

export function requireLedgerRef(value: unknown, field: string): LedgerRef {
  if (typeof value === 'object' && value !== null) {
    if ('wallet' in value) return { wallet: requireUuid(value.wallet, `${field}.wallet`) };
    if ('system' in value && SYSTEM_ACCOUNT_CODES.includes(value.system as SystemAccountCode))
      return { system: value.system as SystemAccountCode };
  }
  throw new AppError(
    'unknown_ledger_account',
    'That wallet doesn’t exist. Check the account and try again.',
    {
      field,
    },
  );
}

export function requireKind(value: unknown): TransferKind {
  if (TRANSFER_KINDS.includes(value as TransferKind)) return value as TransferKind;
  throw invalidField('kind', `must be one of ${TRANSFER_KINDS.join(', ')}`);
}

export function sameRef(a: LedgerRef, b: LedgerRef): boolean {
  return 'wallet' in a ? 'wallet' in b && a.wallet === b.wallet : 'system' in b && a.system === b.system;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Cursors are the `seq` of the last item shown; opaque to clients. */
export function parseCursor(cursor: string | null | undefined): number | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  if (!/^\d{1,15}$/.test(cursor)) throw invalidField('cursor', 'is not a cursor from a previous page');
  return Number(cursor);
}

export function parseLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw invalidField('limit', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  return limit;
}
