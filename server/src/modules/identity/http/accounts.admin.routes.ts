import { accountStatusChangeBodySchema, accountStatusChangeResponseSchema } from '@mobayilo/contract';
import { z } from 'zod';
import { type AuthGuards, actorOf } from '../../../platform/http/auth';
import type { App } from '../../../platform/http/types';
import type { AccountsAdminService } from '../accounts-admin.service';

const accountParams = z.object({ id: z.uuid({ error: 'That account id is not valid' }) });

/** Platform admins act on accounts: suspend and unsuspend, each with a reason, each audited. */
export function accountsAdminRoutes(deps: {
  admin: Pick<AccountsAdminService, 'suspend' | 'unsuspend'>;
  guards: Pick<AuthGuards, 'requirePlatformAdmin'>;
}) {
  const { admin, guards } = deps;
  return async (app: App) => {
    for (const action of ['suspend', 'unsuspend'] as const) {
      app.post(
        `/admin/accounts/:id/${action}`,
        {
          onRequest: guards.requirePlatformAdmin,
          schema: {
            tags: ['admin'],
            summary:
              action === 'suspend'
                ? 'Suspend an account: its members can no longer get a call token or place a call'
                : 'Lift the suspension of an account',
            params: accountParams,
            body: accountStatusChangeBodySchema,
            response: { 200: accountStatusChangeResponseSchema },
          },
        },
        async (request) => admin[action](request.params.id, actorOf(request), request.body.reason),
      );
    }
  };
}
