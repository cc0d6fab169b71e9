import {
  adjustmentBodySchema,
  adjustmentResponseSchema,
  reconciliationsResponseSchema,
  walletResponseSchema,
} from '@mobayilo/contract';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app.errors';
import { type AuthGuards, principalOf } from '../../platform/http/auth.guards';
import type { App } from '../../platform/http/http.types';
import type { JobDefinition } from '../../platform/jobs/define-job.util';
import type { JobQueue } from '../../platform/jobs/job-queue.adapter';
import type { Logger } from '../../platform/logger.adapter';
import type { LedgerService } from './ledger.service';

const accountParams = z.object({ id: z.uuid({ error: 'expected an account id' }) });

/** Platform admins: look at any wallet, correct it with an audited adjustment, check the books. */
export function ledgerAdminRoutes(deps: {
  ledger: Pick<LedgerService, 'openWallet' | 'walletSummary' | 'adjust' | 'listReconciliations'>;
  guards: Pick<AuthGuards, 'requirePlatformAdmin'>;
  accountExists: (accountId: string) => Promise<boolean>;
  jobs: Pick<JobQueue, 'send'>;
  reconcileJob: JobDefinition<{ trigger: 'schedule' | 'manual' }>;
  logger: Logger;
}) {
  const { ledger, guards } = deps;

  async function requireAccount(accountId: string) {
    if (!(await deps.accountExists(accountId)))
      throw new AppError('not_found', 'There is no account with that id.');
  }

  return async (app: App) => {
    app.get(
      '/admin/accounts/:id/wallet',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: "An account's wallet",
          params: accountParams,
          response: { 200: walletResponseSchema },
        },
      },
      async (request) => {
        await requireAccount(request.params.id);
        await ledger.openWallet(request.params.id);
        const { accountId: _, ...summary } = await ledger.walletSummary(request.params.id);
        return { ...summary, autoTopup: null };
      },
    );

    app.post(
      '/admin/accounts/:id/adjustments',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'Credit (positive) or debit (negative) a wallet, with the reason; never below zero',
          params: accountParams,
          body: adjustmentBodySchema,
          response: { 201: adjustmentResponseSchema, 200: adjustmentResponseSchema },
        },
      },
      async (request, reply) => {
        const admin = principalOf(request);
        const accountId = request.params.id;
        await requireAccount(accountId);
        await ledger.openWallet(accountId);
        const result = await ledger.adjust({
          accountId,
          amountCents: request.body.amountCents,
          reason: request.body.reason,
          idempotencyKey: `admin-adjustment:${request.body.idempotencyKey}`,
          admin: { id: admin.user.id, email: admin.user.email },
        });
        deps.logger.info(
          {
            accountId,
            amountCents: request.body.amountCents,
            adminId: admin.user.id,
            transferId: result.transfer.id,
            replayed: result.replayed,
          },
          'admin adjustment',
        );
        const { accountId: _, ...wallet } = await ledger.walletSummary(accountId);
        return reply
          .status(result.replayed ? 200 : 201)
          .send({ transferId: result.transfer.id, replayed: result.replayed, wallet });
      },
    );

    app.get(
      '/admin/ledger/reconciliations',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'Recent reconciliation runs and what they found',
          response: { 200: reconciliationsResponseSchema },
        },
      },
      async () => {
        const runs = await ledger.listReconciliations(20);
        return {
          items: runs.map((run) => ({
            ...run,
            startedAt: run.startedAt.toISOString(),
            finishedAt: run.finishedAt.toISOString(),
            mismatches: run.mismatches as Record<string, unknown>[],
          })),
        };
      },
    );

    app.post(
      '/admin/ledger/reconcile',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'Run a reconciliation now',
          response: { 202: z.object({ status: z.literal('queued') }) },
        },
      },
      async (_request, reply) => {
        await deps.jobs.send(deps.reconcileJob, { trigger: 'manual' });
        return reply.status(202).send({ status: 'queued' as const });
      },
    );
  };
}
