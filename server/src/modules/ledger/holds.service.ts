import { AppError } from '../../platform/errors/app.errors';
import {
  type Details,
  defaultCounterparty,
  parseDetails,
  requireAmount,
  requireFutureDate,
  requireIdempotencyKey,
  requireKind,
  requireUuid,
  type SystemAccountCode,
  type TransferKind,
} from './ledger.domain';
import { holdExpired, holdSettled, idempotencyConflict, unknownHold } from './ledger.errors';
import { ledgerRepository as repository } from './ledger.repository';
import type { LedgerContext } from './ledger-context.service';
import { type Hold, postingsRepository as postings, type Transfer } from './postings.repository';

export type HoldResult = { hold: Hold; replayed: boolean };
export type CaptureResult = { hold: Hold; transfer: Transfer; replayed: boolean };

/** Expired holds are released this many per query, each in its own short statement. */
const EXPIRY_BATCH = 100;

/**
 * Holds reserve funds for usage in progress (a call): available = balance − held. A hold ends exactly once,
 * captured (one transfer for what was used, the rest released), released, or expired by the sweeper.
 * Repeating the operation that ended it is a no-op returning the first outcome; a different one is refused
 * with `hold_settled`.
 */
export function createHoldsService(context: LedgerContext) {
  const { db, clock } = context;

  async function findHold(holdId: string): Promise<Hold> {
    const found = await repository.findHold(db, { id: holdId });
    if (!found) throw unknownHold(holdId);
    return found.hold;
  }

  /** Reserves `amountCents` of a wallet's available credit until `expiresAt`, once per idempotency key. */
  async function hold(
    input: {
      accountId: string;
      amountCents: number;
      idempotencyKey: string;
      expiresAt: Date;
    } & Details,
  ): Promise<HoldResult> {
    const now = clock.now();
    const request = {
      owner: requireUuid(input.accountId, 'accountId'),
      amountCents: requireAmount(input.amountCents),
      idempotencyKey: requireIdempotencyKey(input.idempotencyKey),
      expiresAt: requireFutureDate(input.expiresAt, now, 'expiresAt'),
      ...parseDetails(input),
    };
    return context.counted('hold', async () => {
      const { row, replayed } = await context.postOnce({
        apply: () => postings.placeHold(db, { ...request, now: clock.now() }),
        find: () => repository.findHold(db, { idempotencyKey: request.idempotencyKey }),
        replay: (existing) => {
          if (existing.owner !== request.owner || existing.hold.amountCents !== request.amountCents)
            throw idempotencyConflict(request.idempotencyKey);
          return existing.hold;
        },
        refuse: () => context.explainRefusal(request.owner, request.amountCents),
      });
      return { hold: row, replayed };
    });
  }

  /** This very capture, when it was already made (same hold, same amount): the hold and its transfer. */
  async function findCapture(holdId: string, amountCents: number) {
    const hold = await findHold(holdId);
    if (hold.status !== 'captured' || hold.capturedCents !== amountCents) return undefined;
    const transfer = await repository.findTransferByHold(db, holdId);
    return transfer ? { hold, transfer } : undefined;
  }

  /** Throws why a hold cannot be captured for `amountCents`, if that reason holds. */
  async function explainCapture(holdId: string, amountCents: number): Promise<void> {
    const hold = await findHold(holdId);
    if (hold.status !== 'active') throw holdSettled(holdId, hold.status);
    if (hold.expiresAt <= clock.now()) throw holdExpired(holdId, hold.expiresAt);
    if (amountCents > hold.amountCents)
      throw new AppError('invalid_amount', 'A capture cannot exceed the amount the hold reserved.', {
        field: 'amountCents',
        value: String(amountCents),
        heldCents: hold.amountCents,
      });
  }

  /**
   * Charges `amountCents` (at most what the hold reserved) in one transfer to the kind's system account and
   * releases the rest of the hold. To charge nothing, release the hold instead.
   */
  async function capture(
    input: {
      holdId: string;
      amountCents: number;
      kind?: TransferKind;
      counterparty?: SystemAccountCode;
    } & Details,
  ): Promise<CaptureResult> {
    const holdId = requireUuid(input.holdId, 'holdId');
    const amountCents = requireAmount(input.amountCents);
    const kind = requireKind(input.kind ?? 'call');
    const details = parseDetails(input);
    return context.counted('capture', async () => {
      const systemAccountId = await context.systemAccountId(input.counterparty ?? defaultCounterparty[kind]);
      const { row, replayed } = await context.postOnce({
        apply: () =>
          postings.captureHold(db, {
            holdId,
            amountCents,
            systemAccountId,
            kind,
            ...details,
            now: clock.now(),
          }),
        find: () => findCapture(holdId, amountCents),
        replay: (found) => ({ ...found, owner: null }),
        refuse: () => explainCapture(holdId, amountCents),
      });
      if (!replayed && row.owner) await context.walletDebited(row.owner);
      return { hold: row.hold, transfer: row.transfer, replayed };
    });
  }

  /** Releases everything a hold reserved; releasing it again (or after it expired) changes nothing. */
  async function release(input: { holdId: string }): Promise<HoldResult> {
    const holdId = requireUuid(input.holdId, 'holdId');
    return context.counted('release', async () => {
      const released = await postings.settleHold(db, { holdId, status: 'released', now: clock.now() });
      if (released) return { hold: released, replayed: false };
      const hold = await findHold(holdId);
      if (hold.status === 'released' || hold.status === 'expired') return { hold, replayed: true };
      if (hold.status === 'active') throw new Error(`hold ${holdId} is active yet was not released`);
      throw holdSettled(holdId, hold.status);
    });
  }

  /** Ends the holds whose expiry has passed, returning how many it ended. The job runs this every minute. */
  async function expireHolds(): Promise<number> {
    const now = clock.now();
    let expired = 0;
    let due: string[];
    let settled: number;
    // A short batch was the last one; a batch that settled nothing would only repeat itself.
    do {
      due = await repository.listDueHolds(db, now, EXPIRY_BATCH);
      settled = 0;
      for (const holdId of due) {
        if (await postings.settleHold(db, { holdId, status: 'expired', now })) settled += 1;
      }
      expired += settled;
    } while (due.length === EXPIRY_BATCH && settled > 0);
    return expired;
  }

  return { hold, capture, release, expireHolds };
}
