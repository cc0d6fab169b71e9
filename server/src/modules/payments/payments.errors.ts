import type { ErrorCode } from '@mobayilo/contract';
import { AppError } from '../../platform/errors/app.errors';
import type { SandboxCheckoutError } from '../../providers/payments';
import { formatUsd } from './payments.domain';

export const paymentsErrors = {
  belowMinimum(minimumCents: number, kind: 'individual' | 'company', field = 'body.amountCents') {
    const who = kind === 'company' ? 'company accounts' : 'personal accounts';
    const message = `The smallest top-up for ${who} is ${formatUsd(minimumCents)}.`;
    return new AppError('below_minimum', message, { minimumCents, fields: [{ path: field, message }] });
  },
  aboveMaximum(maximumCents: number, field = 'body.amountCents') {
    const message = `The largest top-up is ${formatUsd(maximumCents)}.`;
    return new AppError('above_maximum', message, { maximumCents, fields: [{ path: field, message }] });
  },
  invalidSignature(reason: string) {
    return new AppError('invalid_signature', `The webhook signature was refused: ${reason}`);
  },
  paymentMethodRequired() {
    return new AppError(
      'payment_method_required',
      'Save a card first: automatic top-ups charge your saved card.',
    );
  },
  providerUnavailable(cause: unknown) {
    return new AppError(
      'provider_unavailable',
      'The card processor is not answering right now. Nothing was charged; please try again.',
      undefined,
      { cause },
    );
  },
  topupNotFound() {
    return new AppError('not_found', 'There is no such top-up.');
  },
  sandboxCheckout(reason: SandboxCheckoutError['reason'], message: string) {
    const code: Record<SandboxCheckoutError['reason'], ErrorCode> = {
      unknown_session: 'not_found',
      expired: 'not_found',
      delivery_failed: 'provider_unavailable',
      unknown_card: 'validation_failed',
    };
    return new AppError(code[reason], message, { reason });
  },
};
