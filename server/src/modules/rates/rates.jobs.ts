import { z } from 'zod';
import { defineJob } from '../../platform/jobs/define-job.util';
import type { RatesImportService } from './rates-import.service';

export function ratesJobs(imports: Pick<RatesImportService, 'syncProviderPrices'>) {
  /** "Sync Twilio prices" runs here, off the request: hundreds of Pricing API calls take a while. */
  const syncProviderPrices = defineJob({
    name: 'rates.sync-provider-prices',
    schema: z.object({
      countries: z
        .array(z.string().regex(/^[A-Z]{2}$/))
        .min(1)
        .optional(),
    }),
    policy: 'singleton',
    retryLimit: 2,
    expireInSeconds: 900,
    async handler(payload, { logger }) {
      const summary = await imports.syncProviderPrices(payload);
      logger.info(
        { added: summary.added, changed: summary.changed, failed: summary.errors.length },
        'provider prices synced',
      );
    },
  });
  return { syncProviderPrices };
}
