import { WebhookSignatureError } from '../../providers/payments';
import type { EventJob } from '../inbox';
import { paymentsErrors } from './payments.errors';
import type { PaymentsDeps } from './payments-deps.types';
import { type EventContext, stripeEventHandlers } from './stripe/events';

/**
 * Stripe webhooks: verify the signature over the raw body, store the event once in the inbox (which queues
 * its job), answer at once. The job applies the event through the handler for its type.
 */
export function createWebhooks(
  deps: Pick<PaymentsDeps, 'provider' | 'inbox' | 'logger' | 'metrics'>,
  context: EventContext,
  job: () => EventJob,
) {
  const received = deps.metrics.counter(
    'payments_webhooks_total',
    'Stripe webhooks by outcome: stored, duplicate (already stored) or refused (bad signature)',
    ['outcome'],
  );
  return {
    /** 400 `invalid_signature` for anything not signed by the processor: nothing is stored then. */
    async receive(rawBody: Buffer, signature: string | undefined): Promise<{ duplicate: boolean }> {
      let event: ReturnType<typeof deps.provider.verifyWebhook>;
      try {
        event = deps.provider.verifyWebhook(rawBody, signature);
      } catch (error) {
        if (!(error instanceof WebhookSignatureError)) throw error;
        received.inc({ outcome: 'refused' });
        deps.logger.warn({ reason: error.message }, 'stripe webhook refused: bad signature');
        throw paymentsErrors.invalidSignature(error.message);
      }
      const result = await deps.inbox.receive(
        { provider: 'stripe', eventKey: event.id, type: event.type, payload: event.raw },
        job(),
      );
      received.inc({ outcome: result.duplicate ? 'duplicate' : 'stored' });
      return result;
    },

    /** Applies one stored event; unknown types are recorded as ignored. */
    async apply(eventId: string, attempt: { final: boolean }) {
      await deps.inbox.process(
        eventId,
        async (stored) => {
          const handler = stripeEventHandlers[stored.type];
          if (!handler) return { status: 'ignored', outcome: `${stored.type} is not handled` };
          const data = stored.payload.data as { object?: Record<string, unknown> } | undefined;
          return handler(data?.object ?? {}, context);
        },
        attempt,
      );
    },
  };
}

export type Webhooks = ReturnType<typeof createWebhooks>;
