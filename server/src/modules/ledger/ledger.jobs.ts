import { z } from 'zod';
import { defineJob } from '../../platform/jobs/define-job.util';
import type { LedgerService } from './ledger.service';

/** Every day at 02:41 UTC: a quiet hour, away from the top of the hour and from the housekeeping sweep. */
export const RECONCILE_CRON = '41 2 * * *';
/** Every minute, the finest a cron schedule goes; a hold outlives its expiry by at most about that. */
export const EXPIRE_HOLDS_CRON = '* * * * *';

export function ledgerJobs(service: Pick<LedgerService, 'reconcile' | 'expireHolds'>) {
  const reconcile = defineJob({
    name: 'ledger.reconcile',
    schema: z.object({ trigger: z.enum(['schedule', 'manual']).default('schedule') }),
    policy: 'singleton',
    retryLimit: 2,
    // It reads every transfer: give a large ledger time before pg-boss gives up on it.
    expireInSeconds: 3600,
    cron: { expression: RECONCILE_CRON, payload: { trigger: 'schedule' } },
    async handler(payload) {
      await service.reconcile(payload.trigger);
    },
  });

  const expireHolds = defineJob({
    name: 'ledger.expire-holds',
    schema: z.object({}),
    policy: 'singleton',
    retryLimit: 1,
    cron: { expression: EXPIRE_HOLDS_CRON, payload: {} },
    async handler(_payload, { logger }) {
      const expired = await service.expireHolds();
      if (expired > 0) logger.info({ expired }, 'released expired holds');
    },
  });

  return { reconcile, expireHolds };
}
