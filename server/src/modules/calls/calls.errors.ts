import type { CallRefusalReason } from '@mobayilo/contract';
import { AppError } from '../../platform/errors/app.errors';

/** Why a call cannot go through, in words short enough to be spoken to the caller before hanging up. */
export const refusalMessages: Record<CallRefusalReason, string> = {
  insufficient_funds: "You don't have enough credit for this call. Please top up and try again.",
  destination_blocked: 'Calls to this number are not allowed.',
  country_not_allowed: 'Calls to this country are not available.',
  unlisted_destination: "We don't offer calls to that destination yet.",
  rate_above_ceiling: 'Calls to this destination are not available because of their price.',
  account_daily_cap_reached:
    'Your account has reached its spending limit for today. Please try again tomorrow.',
  seat_daily_cap_reached: 'You have reached your spending limit for today. Please try again tomorrow.',
  account_call_limit_reached:
    'Your account already has as many calls in progress as it may. Please try again later.',
  seat_call_limit_reached: 'You already have a call in progress. Please hang up first.',
  account_suspended: 'This account is suspended and cannot place calls. Please contact support.',
};

/** Spoken when the voice webhook cannot act for the caller (a removed seat, a suspended account). */
export const callerNotAllowedMessage = 'This account cannot place calls. Goodbye.';
export const invalidNumberMessage = "That number isn't valid. Please check it and try again.";
export const callFailedMessage = 'We could not place your call. Please try again in a moment.';

export const callsErrors = {
  refused: (reason: CallRefusalReason) => new AppError(reason, refusalMessages[reason]),
  callerNotAllowed: () => new AppError('forbidden', 'This account cannot place calls.'),
  invalidSignature: () => new AppError('forbidden', 'The request is not signed by the telephony provider.'),
  invalidToken: () => new AppError('invalid_token', 'That access token is not valid. Please dial again.'),
};
