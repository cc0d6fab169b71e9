import { setupIntentSchema } from '../stripe-objects.schemas';
import { handlerFor, ignored, processed } from './handler.util';

/** A card was saved without a payment (setup-mode Checkout): it becomes the account's saved card. */
export const setupIntentSucceeded = handlerFor(setupIntentSchema, async (intent, context) => {
  const accountId = intent.metadata.accountId;
  if (!accountId || !intent.payment_method) return ignored('not a Mobayilo card setup');
  await context.fulfilment.saveCard(
    accountId,
    await context.provider.describePaymentMethod(intent.payment_method),
  );
  return processed(`card saved for account ${accountId}`);
});
