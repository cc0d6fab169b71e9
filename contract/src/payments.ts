import { z } from 'zod';
import { autoTopupSettingsSchema } from './wallet';

/** Whole dollars in cents: a positive multiple of 100. `label` names the amount in words ("the amount"). */
const wholeDollars = (label: string) =>
  z
    .number({ error: `Enter ${label} in whole dollars, such as $10.` })
    .int({ error: `Enter ${label} in whole dollars, such as $10.` })
    .positive({ error: `Enter ${label} of at least $1.` })
    .max(100_000_000, { error: `Enter ${label} of at most $1,000,000.` })
    .refine((cents) => cents % 100 === 0, { error: `Enter ${label} in whole dollars, such as $10.` });

export const createTopupBodySchema = z.object({
  amountCents: wholeDollars('an amount'),
  /** Save the card for automatic top-ups. */
  saveCard: z.boolean().optional(),
});
export type CreateTopupBody = z.infer<typeof createTopupBodySchema>;

export const createTopupResponseSchema = z.object({ topupId: z.string(), checkoutUrl: z.string() });
export type CreateTopupResponse = z.infer<typeof createTopupResponseSchema>;

export const checkoutUrlResponseSchema = z.object({ checkoutUrl: z.string() });
export type CheckoutUrlResponse = z.infer<typeof checkoutUrlResponseSchema>;

export const topupStatusSchema = z.enum(['pending', 'succeeded', 'failed', 'refunded']);
export const topupSchema = z.object({
  id: z.string(),
  kind: z.enum(['checkout', 'auto', 'recovery']),
  status: topupStatusSchema,
  amountCents: z.number().int(),
  refundedCents: z.number().int(),
  cardBrand: z.string().nullable(),
  cardLast4: z.string().nullable(),
  failureMessage: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Topup = z.infer<typeof topupSchema>;

export const topupsResponseSchema = z.object({
  items: z.array(topupSchema),
  nextCursor: z.string().nullable(),
});
export type TopupsResponse = z.infer<typeof topupsResponseSchema>;

export const savedCardSchema = z.object({
  brand: z.string(),
  last4: z.string(),
  expMonth: z.number().int(),
  expYear: z.number().int(),
});
export const paymentMethodResponseSchema = z.object({ card: savedCardSchema.nullable() });
export type PaymentMethodResponse = z.infer<typeof paymentMethodResponseSchema>;

export const autoTopupBodySchema = z
  .object({
    enabled: z.boolean(),
    thresholdCents: wholeDollars('a threshold'),
    amountCents: wholeDollars('an amount'),
    dailyCapCents: wholeDollars('a daily cap'),
  })
  .refine((body) => body.dailyCapCents >= body.amountCents, {
    path: ['dailyCapCents'],
    error: 'Set the daily cap to at least the top-up amount.',
  });
export type AutoTopupBody = z.infer<typeof autoTopupBodySchema>;

export const autoTopupStatusSchema = z.object({
  settings: autoTopupSettingsSchema.nullable(),
  /** The smallest amount an automatic top-up may add for this account. */
  minimumAmountCents: z.number().int(),
  /** Why automatic top-ups stopped by themselves: repeated failures, a card dispute, the card removed. */
  pausedReason: z.enum(['failures', 'dispute', 'card_removed']).nullable(),
  consecutiveFailures: z.number().int(),
  /** The most recent automatic top-up, when it failed: the banner offering to fix it. */
  lastFailure: z
    .object({
      topupId: z.string(),
      amountCents: z.number().int(),
      code: z.string(),
      message: z.string(),
      at: z.string(),
    })
    .nullable(),
});
export type AutoTopupStatus = z.infer<typeof autoTopupStatusSchema>;

export const owedItemSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  topupId: z.string(),
  kind: z.enum(['refund', 'dispute']),
  reference: z.string(),
  requestedCents: z.number().int(),
  takenCents: z.number().int(),
  owedCents: z.number().int(),
  resolution: z.string().nullable(),
  createdAt: z.string(),
});
export const owedResponseSchema = z.object({
  items: z.array(owedItemSchema),
  nextCursor: z.string().nullable(),
});
export type OwedResponse = z.infer<typeof owedResponseSchema>;

export const webhookAckSchema = z.object({ received: z.literal(true), duplicate: z.boolean() });

export const sandboxCheckoutSchema = z.object({
  mode: z.enum(['payment', 'setup']),
  amountCents: z.number().int().nullable(),
  currency: z.literal('usd'),
  description: z.string(),
  saveCard: z.boolean(),
  cancelUrl: z.string(),
  cards: z.array(z.object({ number: z.string(), label: z.string() })),
});
export type SandboxCheckout = z.infer<typeof sandboxCheckoutSchema>;

export const sandboxPayBodySchema = z.object({
  session: z.string().min(8).max(4000),
  card: z.string().trim().min(12).max(23),
  authentication: z.enum(['approve', 'deny']).optional(),
});
export const sandboxPaymentSchema = z.object({
  outcome: z.enum(['succeeded', 'declined', 'authentication_required', 'authentication_failed']),
  message: z.string(),
  redirectUrl: z.string().nullable(),
});
export type SandboxPayment = z.infer<typeof sandboxPaymentSchema>;
export const sandboxRedirectSchema = z.object({ redirectUrl: z.string() });
