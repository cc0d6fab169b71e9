import {
  listQuerySchema,
  statementQuerySchema,
  walletResponseSchema,
  walletTransactionsResponseSchema,
  walletUsageResponseSchema,
} from '@mobayilo/contract';
import type { Clock } from '../../platform/clock.util';
import { AppError } from '../../platform/errors/app.errors';
import { type AuthGuards, principalOf } from '../../platform/http/auth.guards';
import type { App } from '../../platform/http/http.types';
import type { LedgerService } from './ledger.service';
import { statementCsv } from './statement-csv.mapper';

export type AutoTopupSettings = {
  enabled: boolean;
  thresholdCents: number;
  amountCents: number;
  dailyCapCents: number;
};
export type Member = { id: string; email: string; role: string };

export type WalletRoutesDeps = {
  ledger: Pick<LedgerService, 'openWallet' | 'walletSummary' | 'history' | 'statement' | 'spendByActor'>;
  guards: Pick<AuthGuards, 'requireUser' | 'requireAccountManager'>;
  clock: Clock;
  /** The account's auto top-up settings, from the payments module. */
  autoTopupOf: (accountId: string) => Promise<AutoTopupSettings | null>;
  /** The account's members, from identity, to name the seats in the usage list. */
  membersOf: (accountId: string) => Promise<Member[]>;
};

const DAY_MS = 86_400_000;

/** The signed-in account's wallet: balance for everyone in it; transactions, statements, usage for managers. */
export function walletRoutes(deps: WalletRoutesDeps) {
  const { ledger, guards } = deps;
  return async (app: App) => {
    app.get(
      '/wallet',
      {
        onRequest: guards.requireUser,
        schema: {
          tags: ['wallet'],
          summary: 'Balance, held and available credit',
          response: { 200: walletResponseSchema },
        },
      },
      async (request, reply) => {
        const accountId = principalOf(request).account.id;
        // Opening is idempotent: the first look at a wallet opens it.
        await ledger.openWallet(accountId);
        const [summary, autoTopup] = await Promise.all([
          ledger.walletSummary(accountId),
          deps.autoTopupOf(accountId),
        ]);
        reply.header('cache-control', 'no-store');
        return {
          balanceCents: summary.balanceCents,
          heldCents: summary.heldCents,
          availableCents: summary.availableCents,
          currency: summary.currency,
          autoTopup,
        };
      },
    );

    app.get(
      '/wallet/transactions',
      {
        onRequest: guards.requireAccountManager,
        schema: {
          tags: ['wallet'],
          summary: 'The wallet’s transactions, newest first',
          querystring: listQuerySchema,
          response: { 200: walletTransactionsResponseSchema },
        },
      },
      async (request) => {
        const accountId = principalOf(request).account.id;
        await ledger.openWallet(accountId);
        const page = await ledger.history({ wallet: accountId }, request.query);
        return {
          items: page.items.map((item) => ({
            ...item,
            balanceAfterCents: item.balanceAfterCents ?? 0,
            createdAt: item.createdAt.toISOString(),
          })),
          nextCursor: page.nextCursor,
        };
      },
    );

    app.get(
      '/wallet/statement.csv',
      {
        onRequest: guards.requireAccountManager,
        schema: {
          tags: ['wallet'],
          summary: 'A CSV statement of the days from `from` to `to`, both included (UTC)',
          querystring: statementQuerySchema,
        },
      },
      async (request, reply) => {
        const accountId = principalOf(request).account.id;
        const { from, to } = request.query;
        const start = new Date(`${from}T00:00:00Z`);
        const end = new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS);
        await ledger.openWallet(accountId);
        const statement = await ledger.statement(accountId, start, end);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="mobayilo-statement-${from}-to-${to}.csv"`)
          .header('cache-control', 'no-store')
          .send(statementCsv(statement, to));
      },
    );

    app.get(
      '/wallet/usage',
      {
        onRequest: guards.requireAccountManager,
        schema: {
          tags: ['wallet'],
          summary: 'Calls and their cost per member of a company, this calendar month (UTC)',
          response: { 200: walletUsageResponseSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (principal.account.kind !== 'company') {
          throw new AppError('forbidden', 'Usage per seat is for company accounts.');
        }
        const now = deps.clock.now();
        const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
        const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
        const [spend, members] = await Promise.all([
          ledger.spendByActor(principal.account.id, 'call', start, end),
          deps.membersOf(principal.account.id),
        ]);
        const byMembership = new Map(spend.map((row) => [row.actor, row]));
        return {
          month: start.toISOString().slice(0, 7),
          items: members
            .map((member) => {
              const used = byMembership.get(`membership:${member.id}`);
              return {
                membershipId: member.id,
                email: member.email,
                role: member.role,
                calls: used?.count ?? 0,
                costCents: used?.totalCents ?? 0,
              };
            })
            .filter((item) => item.role !== 'removed' || item.calls > 0)
            .sort((a, b) => b.costCents - a.costCents || a.email.localeCompare(b.email)),
        };
      },
    );
  };
}
