import { z } from 'zod';
import { defineJob } from '../../platform/jobs/define-job.util';
import type { MailService } from './mail.service';

const RETRIES = 8;

/** `deliver` is looked up when a job runs, so that the service and its jobs can refer to each other. */
export function mailJobs(service: () => Pick<MailService, 'deliver'>) {
  const deliver = defineJob({
    name: 'mail.deliver',
    schema: z.object({ mailId: z.uuid() }),
    retryLimit: RETRIES,
    retryDelaySeconds: 10,
    async handler(payload, context) {
      await service().deliver(payload.mailId, { final: context.retryCount >= RETRIES });
    },
  });
  return { deliver };
}
