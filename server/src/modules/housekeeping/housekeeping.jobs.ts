import { z } from 'zod';
import { defineJob } from '../../platform/jobs/define-job.util';
import type { HousekeepingService } from './housekeeping.service';

/** Every day at 03:17 UTC, a quiet hour away from the top of the hour when other schedules pile up. */
export const DAILY_SWEEP_CRON = '17 3 * * *';

export function housekeepingJobs(service: Pick<HousekeepingService, 'sweep'>) {
  const dailySweep = defineJob({
    name: 'housekeeping.daily-sweep',
    schema: z.object({ trigger: z.enum(['schedule', 'manual']).default('schedule') }),
    policy: 'singleton',
    retryLimit: 2,
    cron: { expression: DAILY_SWEEP_CRON, payload: { trigger: 'schedule' } },
    async handler(payload) {
      await service.sweep(payload.trigger);
    },
  });
  return { dailySweep };
}
