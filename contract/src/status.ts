import { z } from 'zod';

export const statusResponseSchema = z.object({
  name: z.literal('Mobayilo'),
  version: z.string(),
  sandbox: z.boolean(),
  /** The beta gate: only invited people can sign up; others join the waitlist. */
  betaGate: z.boolean(),
  providers: z.object({
    telephony: z.enum(['twilio', 'sandbox']),
    payments: z.enum(['stripe', 'sandbox']),
    mail: z.enum(['smtp', 'outbox']),
  }),
});
export type StatusResponse = z.infer<typeof statusResponseSchema>;
