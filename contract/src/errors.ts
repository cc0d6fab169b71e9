import { z } from 'zod';

/**
 * Every error code the API answers with, and its HTTP status. Clients branch on `code`, never on the message.
 * Modules add their codes here so that the one table stays complete.
 */
export const errorStatusByCode = {
  validation_failed: 422,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  invalid_credentials: 401,
  email_taken: 409,
  domain_taken: 409,
  domain_not_allowed: 422,
  domain_not_verified: 422,
  public_domain_not_allowed: 422,
  already_a_member: 409,
  already_has_account: 409,
  last_owner: 409,
  link_invalid: 404,
  link_expired: 410,
  link_used: 410,
  weak_password: 422,
  password_not_set: 409,
  // The person has not proven their address yet (saving a card, automatic top-ups, domains, invitations).
  email_not_confirmed: 403,
  invalid_phone_number: 422,
  unknown_country: 404,
  invalid_rates: 422,
  provider_unavailable: 502,
  // The ledger. Insufficient funds is a 409, not a 402: the request is valid but conflicts with the wallet's
  // current state and can succeed after a top-up; 402 is reserved by HTTP and outside our status set.
  invalid_amount: 422,
  insufficient_funds: 409,
  idempotency_conflict: 409,
  unknown_ledger_account: 404,
  unknown_hold: 404,
  hold_settled: 409,
  hold_expired: 410,
  // Payments.
  below_minimum: 422,
  above_maximum: 422,
  payment_method_required: 422,
  invalid_signature: 400,
  // Calls. Refusals of a destination are 403, limits that change with time or credit are 409; a webhook
  // without the telephony provider's signature is `forbidden` (403).
  invalid_token: 401,
  caller_not_allowed: 403,
  destination_blocked: 403,
  country_not_allowed: 403,
  unlisted_destination: 403,
  rate_above_ceiling: 403,
  account_daily_cap_reached: 409,
  seat_daily_cap_reached: 409,
  account_call_limit_reached: 409,
  seat_call_limit_reached: 409,
  // Marketing: the beta gate refuses a sign-up that is not invited (the address joins the waitlist).
  waitlisted: 403,
  already_joined: 409,
  // The admin console: a suspended account's members cannot get a call token or place a call.
  account_suspended: 403,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatusByCode;

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
