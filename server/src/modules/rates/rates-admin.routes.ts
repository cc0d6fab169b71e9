import { providerSyncBodySchema, rateCsvBodySchema, rateImportSummarySchema } from '@mobayilo/contract';
import { z } from 'zod';
import type { AuthGuards } from '../../platform/http/auth.guards';
import type { App } from '../../platform/http/http.types';
import type { JobDefinition } from '../../platform/jobs/define-job.util';
import type { JobQueue } from '../../platform/jobs/job-queue.adapter';
import type { ImportSummary, RatesImportService } from './rates-import.service';

function toResponse(summary: ImportSummary) {
  return { ...summary, effectiveFrom: summary.effectiveFrom.toISOString() };
}

const MAX_CSV_BYTES = 12 * 1024 * 1024;

/** Platform admins maintain the rate deck: the YAML file, CSV imports (previewed first), provider sync. */
export function ratesAdminRoutes(deps: {
  imports: Pick<RatesImportService, 'loadYamlRates' | 'previewCsvImport' | 'applyCsvImport'>;
  jobs: Pick<JobQueue, 'send'>;
  syncJob: JobDefinition<{ countries?: string[] }>;
  guards: Pick<AuthGuards, 'requirePlatformAdmin'>;
}) {
  const { imports, guards } = deps;
  return async (app: App) => {
    app.post(
      '/admin/rates/yaml',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary:
            'Load the rates of server/config/call_rates.yml (prices already in force are left as they are)',
          response: { 200: rateImportSummarySchema },
        },
      },
      async () => toResponse(await imports.loadYamlRates()),
    );

    app.post(
      '/admin/rates/csv/preview',
      {
        onRequest: guards.requirePlatformAdmin,
        bodyLimit: MAX_CSV_BYTES,
        schema: {
          tags: ['admin'],
          summary: 'What a CSV import would change, with every row-level error; writes nothing',
          body: rateCsvBodySchema,
          response: { 200: rateImportSummarySchema },
        },
      },
      async (request) => toResponse(await imports.previewCsvImport(request.body.csv)),
    );

    app.post(
      '/admin/rates/csv',
      {
        onRequest: guards.requirePlatformAdmin,
        bodyLimit: MAX_CSV_BYTES,
        schema: {
          tags: ['admin'],
          summary: 'Apply a CSV import, all or nothing (422 invalid_rates with the row errors)',
          body: rateCsvBodySchema,
          response: { 200: rateImportSummarySchema },
        },
      },
      async (request) => toResponse(await imports.applyCsvImport(request.body.csv)),
    );

    app.post(
      '/admin/rates/sync',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: "Queue a sync of the telephony provider's prices (cost plus each plan's markup)",
          body: providerSyncBodySchema,
          response: { 202: z.object({ status: z.literal('queued') }) },
        },
      },
      async (request, reply) => {
        await deps.jobs.send(
          deps.syncJob,
          request.body.countries ? { countries: request.body.countries } : {},
        );
        return reply.status(202).send({ status: 'queued' as const });
      },
    );
  };
}
