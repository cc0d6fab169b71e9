import type { z } from 'zod';
import type { PaymentsProvider } from '../../../../providers/payments';
import type { EventOutcome } from '../../../inbox';
import type { Fulfilment } from '../../fulfilment.service';
import type { Recoveries } from '../../recoveries.service';

/** What an event handler may use. */
export type EventContext = {
  fulfilment: Fulfilment;
  recoveries: Recoveries;
  provider: Pick<PaymentsProvider, 'paymentMethodOfSetupIntent' | 'describePaymentMethod'>;
};

export type EventHandler = (object: Record<string, unknown>, context: EventContext) => Promise<EventOutcome>;

export const processed = (outcome: string): EventOutcome => ({ status: 'processed', outcome });
export const ignored = (outcome: string): EventOutcome => ({ status: 'ignored', outcome });

/**
 * A handler for one object shape. An object that does not have the shape can never be applied: it is
 * recorded as ignored, with why, rather than retried.
 */
export function handlerFor<Schema extends z.ZodType>(
  schema: Schema,
  handle: (object: z.output<Schema>, context: EventContext) => Promise<EventOutcome>,
): EventHandler {
  return async (object, context) => {
    const parsed = schema.safeParse(object);
    if (!parsed.success) return ignored(`unreadable object: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return handle(parsed.data, context);
  };
}

/** The outcome of crediting a top-up, in the inbox's words. */
export function creditOutcome(result: 'credited' | 'already_credited' | 'unknown_topup', topupId: string) {
  if (result === 'unknown_topup') return ignored(`no top-up ${topupId}`);
  return processed(
    result === 'credited' ? `credited top-up ${topupId}` : `top-up ${topupId} already credited`,
  );
}
