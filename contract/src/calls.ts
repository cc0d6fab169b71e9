import { z } from 'zod';

/** A call's progress; the last five are final. */
export const CALL_STATUSES = [
  'initiated',
  'ringing',
  'in_progress',
  'completed',
  'busy',
  'no_answer',
  'failed',
  'canceled',
] as const;
export const callStatusSchema = z.enum(CALL_STATUSES);
export type CallStatus = z.infer<typeof callStatusSchema>;

/** Why a call may not be placed; each is also an error code with its own message. */
export const callRefusalReasonSchema = z.enum([
  'insufficient_funds',
  'destination_blocked',
  'country_not_allowed',
  'unlisted_destination',
  'rate_above_ceiling',
  'account_daily_cap_reached',
  'seat_daily_cap_reached',
  'account_call_limit_reached',
  'seat_call_limit_reached',
  'account_suspended',
]);
export type CallRefusalReason = z.infer<typeof callRefusalReasonSchema>;

export const callSeatSchema = z.object({ userId: z.string(), email: z.string() });

export const callItemSchema = z.object({
  id: z.string(),
  callSid: z.string(),
  /** E.164. */
  to: z.string(),
  destination: z.string(),
  /** ISO code of the number's country; null for non-geographic numbers. */
  country: z.string().nullable(),
  status: callStatusSchema,
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  billedMinutes: z.number().int().nullable(),
  rateMicros: z.number().int(),
  /** What the wallet was charged; null until the call is settled. */
  costCents: z.number().int().nullable(),
  /** Who placed it: shown to a company's owners and admins; null otherwise. */
  seat: callSeatSchema.nullable(),
});
export type CallItem = z.infer<typeof callItemSchema>;

export const callsResponseSchema = z.object({
  items: z.array(callItemSchema),
  nextCursor: z.string().nullable(),
});
export type CallsResponse = z.infer<typeof callsResponseSchema>;

export const callsQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const callTokenResponseSchema = z.object({
  token: z.string(),
  /** The browser's client identity (m_<membership id>); never an email address. */
  identity: z.string(),
  expiresAt: z.string(),
  /** True when calls go to the sandbox telephony instead of Twilio. */
  sandbox: z.boolean(),
});
export type CallTokenResponse = z.infer<typeof callTokenResponseSchema>;

export const callQuoteQuerySchema = z.object({
  to: z
    .string({ error: 'Type a number.' })
    .trim()
    .min(1, { error: 'Type a number.' })
    .max(40, { error: 'That number is too long. Check it and try again.' }),
  /** ISO code to read a number typed without its country code. */
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, { error: 'Choose a country from the list.' })
    .transform((iso) => iso.toUpperCase())
    .optional(),
});

export const callQuoteResponseSchema = z.object({
  e164: z.string(),
  country: z.string().nullable(),
  destination: z.string(),
  /** Per minute for the caller's plan; null when the destination has no price. */
  rateMicros: z.number().int().nullable(),
  /** Whole minutes the caller's available credit buys now, within the limits on one call and one day. */
  availableMinutes: z.number().int(),
  allowed: z.boolean(),
  reason: callRefusalReasonSchema.nullable(),
  /** Why not, in words; null when allowed. */
  message: z.string().nullable(),
});
export type CallQuoteResponse = z.infer<typeof callQuoteResponseSchema>;

export const recentNumberSchema = z.object({
  to: z.string(),
  destination: z.string(),
  country: z.string().nullable(),
  lastCalledAt: z.string(),
});
export const recentNumbersResponseSchema = z.object({ items: z.array(recentNumberSchema) });
export type RecentNumbersResponse = z.infer<typeof recentNumbersResponseSchema>;

/** The sandbox telephony's view of a browser call (sandbox mode only). */
export const sandboxCallSchema = z.object({
  callSid: z.string(),
  to: z.string(),
  status: z.enum(['connecting', 'ringing', 'open', 'closed']),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  outcome: z.enum(['completed', 'busy', 'no-answer', 'failed', 'canceled', 'refused']).nullable(),
  durationSeconds: z.number().int(),
  message: z.string().nullable(),
  digits: z.string(),
});
export type SandboxCall = z.infer<typeof sandboxCallSchema>;

export const sandboxStartCallBodySchema = z.object({ to: z.string().trim().min(1).max(40) });
export const sandboxDigitsBodySchema = z.object({
  digits: z.string().regex(/^[0-9*#w]{1,32}$/, { error: 'Send keypad tones only: 0 to 9, * and #.' }),
});

/** POST /api/calls/:id/hangup: one of the caller's own calls. */
export const callIdParamsSchema = z.object({
  id: z.string({ error: 'There is no such call.' }).min(1, { error: 'There is no such call.' }).max(64, {
    error: 'There is no such call.',
  }),
});
