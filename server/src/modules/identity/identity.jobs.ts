import { z } from 'zod';
import { defineJob } from '../../platform/jobs/define-job.util';
import type { AuthService } from './auth.service';

const emailPayload = z.object({ email: z.email() });

/** The slow halves of the email-first entry and of a reset request, done off the request path. */
export function identityJobs(
  service: () => Pick<AuthService, 'completeEmailEntry' | 'completePasswordResetRequest'>,
) {
  const emailEntry = defineJob({
    name: 'identity.email-entry',
    schema: emailPayload,
    retryLimit: 3,
    async handler(payload) {
      await service().completeEmailEntry(payload.email);
    },
  });
  const passwordForgot = defineJob({
    name: 'identity.password-forgot',
    schema: emailPayload,
    retryLimit: 3,
    async handler(payload) {
      await service().completePasswordResetRequest(payload.email);
    },
  });
  return { emailEntry, passwordForgot };
}
