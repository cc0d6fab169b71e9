import {
  autoTopupBodySchema,
  autoTopupSettingsSchema,
  autoTopupStatusSchema,
  checkoutUrlResponseSchema,
  createTopupBodySchema,
  createTopupResponseSchema,
  listQuerySchema,
  owedResponseSchema,
  paymentMethodResponseSchema,
  topupSchema,
  topupsResponseSchema,
} from '@mobayilo/contract';
import { z } from 'zod';
import { type AuthGuards, principalOf } from '../../platform/http/auth.guards';
import type { App } from '../../platform/http/http.types';
import type { AutoTopups } from './auto-topup.service';
import type { CheckoutService } from './checkout.service';
import type { Recoveries } from './recoveries.service';

const tags = ['payments'];

/**
 * Top-ups, the saved card and automatic top-ups of the signed-in account. Paying and changing the card or
 * automatic top-ups is for owners and admins; seats may not (403).
 */
export function paymentsRoutes(deps: {
  checkout: CheckoutService;
  autoTopups: AutoTopups;
  recoveries: Recoveries;
  guards: AuthGuards;
}) {
  const { checkout, autoTopups, guards } = deps;
  const manager = guards.requireAccountManager;
  return async (app: App) => {
    app.post(
      '/wallet/topups',
      {
        onRequest: manager,
        schema: {
          tags,
          summary: 'Start a card top-up; answers the Checkout page to send the person to',
          body: createTopupBodySchema,
          response: { 201: createTopupResponseSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await checkout.startTopup(principalOf(request), request.body)),
    );

    app.get(
      '/wallet/topups',
      {
        onRequest: manager,
        schema: {
          tags,
          summary: 'Top-ups, newest first',
          querystring: listQuerySchema,
          response: { 200: topupsResponseSchema },
        },
      },
      async (request) => checkout.listTopups(principalOf(request), request.query),
    );

    app.get(
      '/wallet/topups/:id',
      {
        onRequest: manager,
        schema: {
          tags,
          summary: 'One top-up, to follow it until its credit lands',
          params: z.object({ id: z.uuid() }),
          response: { 200: topupSchema },
        },
      },
      async (request) => checkout.findTopup(principalOf(request), request.params.id),
    );

    app.get(
      '/wallet/payment-method',
      {
        onRequest: manager,
        schema: { tags, summary: 'The saved card', response: { 200: paymentMethodResponseSchema } },
      },
      async (request) => checkout.card(principalOf(request)),
    );

    app.post(
      '/wallet/payment-method/setup',
      {
        onRequest: manager,
        schema: {
          tags,
          summary: 'Save or replace the card through Checkout, without paying',
          response: { 201: checkoutUrlResponseSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await checkout.startCardSetup(principalOf(request))),
    );

    app.delete(
      '/wallet/payment-method',
      { onRequest: manager, schema: { tags, summary: 'Remove the saved card (automatic top-ups stop)' } },
      async (request, reply) => {
        await autoTopups.removeCard(principalOf(request));
        return reply.status(204).send();
      },
    );

    app.get(
      '/wallet/auto-topup',
      {
        onRequest: manager,
        schema: {
          tags,
          summary: 'Automatic top-up settings, pause and last failure',
          response: { 200: autoTopupStatusSchema },
        },
      },
      async (request) => autoTopups.status(principalOf(request)),
    );

    app.put(
      '/wallet/auto-topup',
      {
        onRequest: manager,
        schema: {
          tags,
          summary: 'Set automatic top-up: below the threshold, charge the saved card up to a daily cap',
          body: autoTopupBodySchema,
          response: { 200: autoTopupSettingsSchema },
        },
      },
      async (request) => autoTopups.save(principalOf(request), request.body),
    );

    app.post(
      '/wallet/auto-topup/recover',
      {
        onRequest: manager,
        schema: {
          tags,
          summary:
            'After a failed automatic top-up: pay its amount through Checkout (authenticate or use another card)',
          response: { 201: createTopupResponseSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await checkout.startRecovery(principalOf(request))),
    );

    app.get(
      '/admin/payments/owed',
      {
        onRequest: guards.requirePlatformAdmin,
        schema: {
          tags: ['admin'],
          summary: 'What wallets could not cover after refunds and disputes',
          querystring: listQuerySchema,
          response: { 200: owedResponseSchema },
        },
      },
      async (request) => deps.recoveries.listOwed(request.query),
    );
  };
}
