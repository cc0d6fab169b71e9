import { z } from 'zod';

/**
 * The parts of Stripe's objects the handlers read, checked when an event is applied. Expandable fields come
 * as an id or as the object; both become the id.
 */
const idOf = z.union([z.string(), z.object({ id: z.string() }).transform((object) => object.id)]);
const metadata = z
  .record(z.string(), z.string())
  .nullish()
  .transform((value) => value ?? {});
const cents = z.number().int().nonnegative();

export const checkoutSessionSchema = z.object({
  id: z.string(),
  mode: z.string(),
  payment_status: z.string().nullish(),
  amount_total: cents.nullish(),
  payment_intent: idOf.nullish(),
  setup_intent: idOf.nullish(),
  metadata,
});

export const paymentIntentSchema = z.object({
  id: z.string(),
  amount: cents,
  amount_received: cents.nullish(),
  payment_method: idOf.nullish(),
  metadata,
  last_payment_error: z
    .object({ code: z.string().nullish(), decline_code: z.string().nullish(), message: z.string().nullish() })
    .nullish(),
});

export const setupIntentSchema = z.object({
  id: z.string(),
  payment_method: idOf.nullish(),
  metadata,
});

export const chargeSchema = z.object({
  id: z.string(),
  amount_refunded: cents,
  payment_intent: idOf.nullish(),
  metadata,
});

export const disputeSchema = z.object({
  id: z.string(),
  amount: cents,
  payment_intent: idOf.nullish(),
  reason: z.string().nullish(),
  status: z.string(),
  metadata,
});
