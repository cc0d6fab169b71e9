import { z } from 'zod';

export const TRANSFER_KINDS = [
  'topup',
  'call',
  'number_fee',
  'adjustment',
  'refund',
  'dispute',
  'auto_topup',
  'write_off',
] as const;
export const transferKindSchema = z.enum(TRANSFER_KINDS);
export type TransferKindName = z.infer<typeof transferKindSchema>;

export const autoTopupSettingsSchema = z.object({
  enabled: z.boolean(),
  thresholdCents: z.number().int(),
  amountCents: z.number().int(),
  dailyCapCents: z.number().int(),
});

export const walletResponseSchema = z.object({
  balanceCents: z.number().int(),
  heldCents: z.number().int(),
  availableCents: z.number().int(),
  currency: z.literal('USD'),
  autoTopup: autoTopupSettingsSchema.nullable(),
});
export type WalletResponse = z.infer<typeof walletResponseSchema>;

export const walletTransactionSchema = z.object({
  id: z.string(),
  kind: transferKindSchema,
  description: z.string(),
  /** Signed, from the wallet's view: positive adds to the balance. */
  amountCents: z.number().int(),
  balanceAfterCents: z.number().int(),
  reference: z.string().nullable(),
  createdAt: z.string(),
});
export type WalletTransaction = z.infer<typeof walletTransactionSchema>;

export const walletTransactionsResponseSchema = z.object({
  items: z.array(walletTransactionSchema),
  nextCursor: z.string().nullable(),
});
export type WalletTransactionsResponse = z.infer<typeof walletTransactionsResponseSchema>;

export const listQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const isoDate = z.iso.date({ error: 'Enter a date such as 2026-11-01.' });
export const statementQuerySchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((range) => range.from <= range.to, {
    path: ['to'],
    error: 'Choose an end date on or after the start date.',
  });

export const seatUsageSchema = z.object({
  membershipId: z.string(),
  email: z.string(),
  role: z.string(),
  calls: z.number().int(),
  costCents: z.number().int(),
});
export const walletUsageResponseSchema = z.object({
  month: z.string(),
  items: z.array(seatUsageSchema),
});
export type WalletUsageResponse = z.infer<typeof walletUsageResponseSchema>;

/** Whole cents, positive to credit the wallet, negative to debit it. */
export const adjustmentBodySchema = z.object({
  amountCents: z
    .number({ error: 'Enter the amount in cents, such as 500 for $5.' })
    .int({ error: 'Enter the amount in whole cents, such as 500 for $5.' })
    .refine((value) => value !== 0, { error: 'Enter an amount other than zero.' })
    .refine((value) => Math.abs(value) <= 100_000_000, { error: 'Enter an amount of at most $1,000,000.' }),
  reason: z
    .string({ error: 'Say why, in a few words.' })
    .trim()
    .min(3, { error: 'Say why, in a few words.' })
    .max(500, { error: 'Keep the reason under 500 characters.' }),
  idempotencyKey: z.string().trim().min(8).max(200),
});
export type AdjustmentBody = z.infer<typeof adjustmentBodySchema>;

export const adjustmentResponseSchema = z.object({
  transferId: z.string(),
  /** True when this idempotency key was used before: nothing moved this time. */
  replayed: z.boolean(),
  wallet: walletResponseSchema.omit({ autoTopup: true }),
});
export type AdjustmentResponse = z.infer<typeof adjustmentResponseSchema>;

export const reconciliationSchema = z.object({
  id: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  startedAt: z.string(),
  finishedAt: z.string(),
  accountsChecked: z.number().int(),
  transfersChecked: z.number().int(),
  totalCents: z.number().int(),
  mismatches: z.array(z.record(z.string(), z.unknown())),
});
export const reconciliationsResponseSchema = z.object({ items: z.array(reconciliationSchema) });
export type ReconciliationsResponse = z.infer<typeof reconciliationsResponseSchema>;
