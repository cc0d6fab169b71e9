import { z } from 'zod';
import { callStatusSchema } from './calls';

/** One admin action as the audit log keeps it: who, what, on what, why, and what changed. */
export const auditEntrySchema = z.object({
  id: z.string(),
  actor: z.object({ id: z.string(), email: z.string() }),
  /** e.g. `wallet.adjust`, `account.suspend`, `subscriber.invite`. */
  action: z.string(),
  /** What the action was on, as `kind:id` (e.g. `account:…`). */
  target: z.string(),
  reason: z.string().nullable(),
  /** Before/after and whatever else the action records. */
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListQuerySchema = z.object({
  /** Matches the action, the target, the reason or the admin's email. */
  q: z.string().trim().max(254).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditListQuery = z.input<typeof auditListQuerySchema>;

export const auditListResponseSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});
export type AuditList = z.infer<typeof auditListResponseSchema>;

/** Suspending or unsuspending an account changes who may call: always with a reason. */
export const accountStatusChangeBodySchema = z.object({
  reason: z.string().trim().min(3, { error: 'Say why, in a few words' }).max(500),
});
export type AccountStatusChangeBody = z.infer<typeof accountStatusChangeBodySchema>;

export const accountStatusSchema = z.enum(['active', 'suspended', 'closed']);

export const accountStatusChangeResponseSchema = z.object({
  id: z.string(),
  status: accountStatusSchema,
});
export type AccountStatusChangeResponse = z.infer<typeof accountStatusChangeResponseSchema>;

/** `GET /api/admin/users?q=`: people by email, email domain, or the name of their account (company). */
export const adminUserListQuerySchema = z.object({
  q: z.string().trim().max(254).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type AdminUserListQuery = z.input<typeof adminUserListQuerySchema>;

export const adminUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(['user', 'admin']),
  confirmedAt: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
  /** The account the person acts for now, with their role in it; null when they have none. */
  account: z
    .object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['individual', 'company']),
      status: accountStatusSchema,
      role: z.enum(['owner', 'admin', 'seat']),
    })
    .nullable(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const adminUserListResponseSchema = z.object({
  items: z.array(adminUserSchema),
  nextCursor: z.string().nullable(),
});
export type AdminUserList = z.infer<typeof adminUserListResponseSchema>;

/** Ending every session of a person signs them out everywhere: always with a reason. */
export const endSessionsBodySchema = accountStatusChangeBodySchema;
export const endSessionsResponseSchema = z.object({ ended: z.number().int() });

/** A sign-in link emailed again; the reason is optional (no access changes hands). */
export const sendSignInLinkBodySchema = z.object({ reason: z.string().trim().max(500).optional() });

const isoDate = z.iso.datetime({ offset: true, error: 'Use a date and time such as 2026-03-01T00:00:00Z' });

/** `GET /api/admin/calls`: q matches the dialled number, either CallSid or the account id. */
export const adminCallListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: callStatusSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type AdminCallListQuery = z.input<typeof adminCallListQuerySchema>;

export const adminCallSchema = z.object({
  id: z.string(),
  callSid: z.string(),
  childCallSid: z.string().nullable(),
  accountId: z.string(),
  userId: z.string(),
  to: z.string(),
  destination: z.string(),
  country: z.string().nullable(),
  status: callStatusSchema,
  rateMicros: z.number().int(),
  holdCents: z.number().int(),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  billedMinutes: z.number().int().nullable(),
  costCents: z.number().int().nullable(),
  settledAt: z.string().nullable(),
});
export type AdminCall = z.infer<typeof adminCallSchema>;

export const adminCallListResponseSchema = z.object({
  items: z.array(adminCallSchema),
  nextCursor: z.string().nullable(),
});
export type AdminCallList = z.infer<typeof adminCallListResponseSchema>;

/** One call with its status timeline and the provider events behind it. */
export const adminCallDetailSchema = z.object({
  call: adminCallSchema,
  timeline: z.array(z.object({ at: z.string(), what: z.string() })),
  events: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      eventKey: z.string(),
      status: z.enum(['pending', 'processed', 'ignored', 'failed']),
      outcome: z.string().nullable(),
      attempts: z.number().int(),
      receivedAt: z.string(),
      processedAt: z.string().nullable(),
    }),
  ),
});
export type AdminCallDetail = z.infer<typeof adminCallDetailSchema>;

/** `GET /api/admin/accounts/:id/members`: everyone the account has had; removed seats have the role `removed`. */
export const adminAccountMembersResponseSchema = z.object({
  items: z.array(z.object({ id: z.string(), email: z.string(), role: z.string() })),
});
export type AdminAccountMembers = z.infer<typeof adminAccountMembersResponseSchema>;
