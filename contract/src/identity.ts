import { z } from 'zod';

export const emailSchema = z
  .string({ error: 'Enter your email address' })
  .trim()
  .max(254, { error: 'That email address is too long' })
  .pipe(z.email({ error: "That doesn't look like an email address" }))
  .transform((value) => value.toLowerCase());

/** Length limits only; the server also refuses common passwords (422 weak_password). */
export const passwordSchema = z
  .string({ error: 'Enter a password' })
  .min(10, { error: 'Use at least 10 characters' })
  .max(128, { error: 'Use at most 128 characters' });

export const tokenSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,128}$/, { error: 'That link is not complete. Open it from your email again.' });

export const accountKindSchema = z.enum(['individual', 'company']);
export const membershipRoleSchema = z.enum(['owner', 'admin', 'seat']);

export const signUpBodySchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    accountType: accountKindSchema,
    companyName: z
      .string()
      .trim()
      .min(2, { error: 'Enter the company name' })
      .max(120, { error: 'Keep the company name under 120 characters.' })
      .optional(),
  })
  .refine((body) => body.accountType !== 'company' || Boolean(body.companyName), {
    path: ['companyName'],
    error: 'Enter the company name',
  });
export type SignUpBody = z.infer<typeof signUpBodySchema>;

export const signInBodySchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: 'Enter your password.' })
    .min(1, { error: 'Enter your password.' })
    .max(128, { error: 'Use at most 128 characters' }),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const emailEntryBodySchema = z.object({ email: emailSchema });
export const emailEntryResponseSchema = z.object({
  status: z.literal('sent'),
  message: z.string(),
});

export const magicLinkBodySchema = z.object({ token: tokenSchema });
export const forgotPasswordBodySchema = z.object({ email: emailSchema });
export const resetPasswordBodySchema = z.object({ token: tokenSchema, password: passwordSchema });
export const changePasswordBodySchema = z.object({
  currentPassword: z.string().max(128).optional(),
  newPassword: passwordSchema,
});

export const meResponseSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    role: z.enum(['user', 'admin']),
    hasPassword: z.boolean(),
    /** Whether the person has proven the address (used a link sent to it). */
    confirmed: z.boolean(),
  }),
  account: z.object({ id: z.string(), kind: accountKindSchema, name: z.string() }),
  membership: z.object({ role: membershipRoleSchema }),
  sandbox: z.boolean(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const magicLinkResponseSchema = meResponseSchema.extend({
  /** Set when the browser was signed in as someone else, who has now been signed out. */
  signedOutEmail: z.string().nullable(),
});
export type MagicLinkResponse = z.infer<typeof magicLinkResponseSchema>;

export const sessionItemSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const sessionListResponseSchema = z.object({ items: z.array(sessionItemSchema) });
export type SessionItem = z.infer<typeof sessionItemSchema>;

export const memberSchema = z.object({
  id: z.string(),
  userId: z.string(),
  email: z.string(),
  role: membershipRoleSchema,
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  confirmed: z.boolean(),
});
export type Member = z.infer<typeof memberSchema>;

export const membersResponseSchema = z.object({
  items: z.array(memberSchema),
  domains: z.array(z.string()),
  /** Domains this company asked for that another company holds: the platform admins decide. */
  domainsInReview: z.array(z.string()),
});
export type MembersResponse = z.infer<typeof membersResponseSchema>;

export const inviteSeatBodySchema = z.object({ email: emailSchema });
/**
 * `added`: a new person got a seat and an emailed invitation. `invited`: someone who already uses Mobayilo was
 * emailed an invitation and joins when they accept (no member until then). No link is ever answered: it goes to
 * the invitee's inbox only.
 */
export const inviteSeatResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('added'), member: memberSchema }),
  z.object({ status: z.literal('invited'), member: z.null() }),
]);
export type InviteSeatResponse = z.infer<typeof inviteSeatResponseSchema>;

export const changeRoleBodySchema = z.object({ role: membershipRoleSchema });

export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: 'Enter a domain such as example.com',
  });
export const setDomainsBodySchema = z.object({ domains: z.array(domainSchema).max(20) });
export const domainsResponseSchema = z.object({
  domains: z.array(z.string()),
  domainsInReview: z.array(z.string()),
});

export const domainConflictSchema = z.object({
  id: z.string(),
  domain: z.string(),
  /** The company asking for the domain, and whose confirmed address asked. */
  claimant: z.object({ id: z.string(), name: z.string(), claimedBy: z.string() }),
  /** The company holding it (null if it has let go since). */
  holder: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export const domainConflictsResponseSchema = z.object({ items: z.array(domainConflictSchema) });
export type DomainConflict = z.infer<typeof domainConflictSchema>;

export const renameAccountBodySchema = z.object({
  name: z
    .string({ error: 'Enter a name.' })
    .trim()
    .min(2, { error: 'Enter a name of at least 2 characters.' })
    .max(120, { error: 'Keep the name under 120 characters.' }),
});

export const adminAccountSchema = z.object({
  id: z.string(),
  kind: accountKindSchema,
  name: z.string(),
  status: z.enum(['active', 'suspended', 'closed']),
  ownerEmails: z.array(z.string()),
  createdAt: z.string(),
});
export const adminAccountsResponseSchema = z.object({
  items: z.array(adminAccountSchema),
  nextCursor: z.string().nullable(),
});
export type AdminAccount = z.infer<typeof adminAccountSchema>;
