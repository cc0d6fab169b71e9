import { z } from 'zod';
import { emailSchema } from './identity';

export const subscriberStatusSchema = z.enum(['waiting', 'invited', 'joined']);
export type SubscriberStatus = z.infer<typeof subscriberStatusSchema>;

/** `POST /api/subscribe`: the marketing site's early-access form (and the landing page's). */
export const subscribeBodySchema = z.object({
  email: emailSchema,
  /** Where the form was, e.g. `homepage` or `pricing`; `website` when not given. */
  source: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,40}$/, { error: 'Use up to 40 letters, digits, dots, dashes or underscores' })
    .optional(),
});
export type SubscribeBody = z.infer<typeof subscribeBodySchema>;

export const subscribeResponseSchema = z.object({ status: subscriberStatusSchema });
export type SubscribeResponse = z.infer<typeof subscribeResponseSchema>;

export const subscriberSchema = z.object({
  id: z.string(),
  email: z.string(),
  status: subscriberStatusSchema,
  source: z.string(),
  createdAt: z.string(),
  invitedAt: z.string().nullable(),
  joinedAt: z.string().nullable(),
});
export type Subscriber = z.infer<typeof subscriberSchema>;

export const subscriberListQuerySchema = z.object({
  status: subscriberStatusSchema.optional(),
  q: z.string().trim().max(254).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type SubscriberListQuery = z.input<typeof subscriberListQuerySchema>;

export const subscriberListResponseSchema = z.object({
  items: z.array(subscriberSchema),
  nextCursor: z.string().nullable(),
});
export type SubscriberList = z.infer<typeof subscriberListResponseSchema>;

/** `POST /api/admin/subscribers/invite`: several at once, from the admin console's selection. */
export const inviteSubscribersBodySchema = z.object({
  ids: z
    .array(z.uuid({ error: 'That subscriber id is not valid' }))
    .min(1, { error: 'Choose at least one subscriber' })
    .max(200, { error: 'Invite at most 200 people at a time' }),
});
export type InviteSubscribersBody = z.infer<typeof inviteSubscribersBodySchema>;

export const inviteSubscribersResponseSchema = z.object({ items: z.array(subscriberSchema) });
