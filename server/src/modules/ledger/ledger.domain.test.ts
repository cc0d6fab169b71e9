import { describe, expect, it } from 'vitest';
import {
  describeTransfer,
  parseCursor,
  parseLimit,
  requireAmount,
  requireFutureDate,
  requireIdempotencyKey,
  requireLedgerRef,
  requireSignedAmount,
  sameRef,
} from './ledger.domain';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('amounts', () => {
  it('accepts whole cents from 1 up to the largest exact JavaScript integer', () => {
    expect(requireAmount(1)).toBe(1);
    expect(requireAmount(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    ['zero', 0],
    ['a negative amount', -5],
    ['a fraction of a cent', 10.5],
    ['more than 2^53', 2 ** 53],
    ['NaN', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
    ['a numeric string', '100'],
    ['a word', 'ten'],
    ['a bigint', 100n],
    ['nothing', undefined],
    ['null', null],
  ])('refuses %s as invalid_amount', (_name, value) => {
    expect(codeOf(() => requireAmount(value))).toBe('invalid_amount');
  });

  it('says which field was wrong and why', () => {
    expect(() => requireAmount(-1, 'amountCents')).toThrow('The amount must be more than zero.');
    expect(() => requireAmount(0.5)).toThrow('whole number');
  });

  it('takes adjustments either way but never zero', () => {
    expect(requireSignedAmount(-250)).toBe(-250);
    expect(requireSignedAmount(250)).toBe(250);
    expect(codeOf(() => requireSignedAmount(0))).toBe('invalid_amount');
    expect(codeOf(() => requireSignedAmount(-(2 ** 53)))).toBe('invalid_amount');
    expect(codeOf(() => requireSignedAmount(-0.5))).toBe('invalid_amount');
  });
});

describe('idempotency keys', () => {
  it('requires a non-blank key of at most 255 characters', () => {
    expect(requireIdempotencyKey('topup:pi_123')).toBe('topup:pi_123');
    expect(codeOf(() => requireIdempotencyKey(undefined))).toBe('validation_failed');
    expect(codeOf(() => requireIdempotencyKey('  '))).toBe('validation_failed');
    expect(codeOf(() => requireIdempotencyKey('k'.repeat(256)))).toBe('validation_failed');
  });

  it('keeps the hold: prefix for capture transfers', () => {
    expect(codeOf(() => requireIdempotencyKey('hold:123'))).toBe('validation_failed');
  });
});

describe('ledger references', () => {
  it('names a wallet by its owner account id, or a known system account', () => {
    const id = '7b0cf2a8-8f7e-4d1c-9f56-1f2d3c4b5a69';
    expect(requireLedgerRef({ wallet: id.toUpperCase() }, 'from')).toEqual({ wallet: id });
    expect(requireLedgerRef({ system: 'call_revenue' }, 'to')).toEqual({ system: 'call_revenue' });
    expect(codeOf(() => requireLedgerRef({ system: 'petty_cash' }, 'to'))).toBe('unknown_ledger_account');
    expect(codeOf(() => requireLedgerRef({ wallet: 'not-a-uuid' }, 'to'))).toBe('validation_failed');
  });

  it('compares references by what they name', () => {
    expect(sameRef({ system: 'write_offs' }, { system: 'write_offs' })).toBe(true);
    expect(sameRef({ system: 'write_offs' }, { wallet: 'write_offs' })).toBe(false);
  });
});

describe('pages and dates', () => {
  it('reads cursors it issued and refuses anything else', () => {
    expect(parseCursor(undefined)).toBeNull();
    expect(parseCursor('42')).toBe(42);
    expect(codeOf(() => parseCursor('42; drop table'))).toBe('validation_failed');
  });

  it('bounds the page size', () => {
    expect(parseLimit(undefined)).toBe(50);
    expect(codeOf(() => parseLimit(0))).toBe('validation_failed');
    expect(codeOf(() => parseLimit(201))).toBe('validation_failed');
  });

  it('wants hold expiries in the future', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(codeOf(() => requireFutureDate(now, now, 'expiresAt'))).toBe('validation_failed');
    expect(codeOf(() => requireFutureDate(new Date('nope'), now, 'expiresAt'))).toBe('validation_failed');
  });
});

it('describes a transfer by its memo, else by its kind', () => {
  expect(describeTransfer({ kind: 'call', memo: 'Call to +44 20 7946 0000' })).toBe(
    'Call to +44 20 7946 0000',
  );
  expect(describeTransfer({ kind: 'auto_topup', memo: null })).toBe('Automatic top-up');
});
