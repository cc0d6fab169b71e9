import { AppError } from '../../platform/errors/app.errors';

export const marketingErrors = {
  /** The beta gate held back a sign-up; the address is now on the waitlist. */
  waitlisted() {
    return new AppError(
      'waitlisted',
      "You're on the list. Mobayilo is invite-only during the beta: we'll email you as soon as there's a place for you.",
    );
  },
  notFound() {
    return new AppError('not_found', 'That subscriber is no longer on the list. Reload the page.');
  },
  alreadyJoined(email: string) {
    return new AppError(
      'already_joined',
      `${email} has already joined Mobayilo; there is nothing to invite.`,
    );
  },
};
