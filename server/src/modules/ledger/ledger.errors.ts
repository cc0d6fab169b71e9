import { AppError } from '../../platform/errors/app.errors';
import type { HoldStatus, LedgerRef } from './ledger.domain';

function describeRef(ref: LedgerRef): string {
  return 'wallet' in ref ? `the wallet of account ${ref.wallet}` : `the system account ${ref.system}`;
}

export function unknownLedgerAccount(ref: LedgerRef): AppError {
  return new AppError('unknown_ledger_account', `There is no ledger account for ${describeRef(ref)}.`, {
    ...ref,
  });
}

export function insufficientFunds(availableCents: number, requestedCents: number): AppError {
  return new AppError('insufficient_funds', 'The wallet does not have enough available credit for this.', {
    availableCents,
    requestedCents,
  });
}

export function idempotencyConflict(idempotencyKey: string): AppError {
  return new AppError(
    'idempotency_conflict',
    'This idempotency key was already used for a different request; nothing was changed.',
    { idempotencyKey },
  );
}

export function unknownHold(holdId: string): AppError {
  return new AppError('unknown_hold', 'There is no such hold.', { holdId });
}

export function holdSettled(holdId: string, status: HoldStatus): AppError {
  return new AppError('hold_settled', `This hold is already ${status}; nothing was changed.`, {
    holdId,
    status,
  });
}

export function holdExpired(holdId: string, expiresAt: Date): AppError {
  return new AppError('hold_expired', 'This hold has expired and can no longer be captured.', {
    holdId,
    expiresAt: expiresAt.toISOString(),
  });
}
