import { AppError } from '../../platform/errors/app.errors';
import type { PasswordProblem } from './passwords.util';

const passwordMessages: Record<PasswordProblem, string> = {
  too_short: 'Use at least 10 characters.',
  too_long: 'Use at most 128 characters.',
  too_common: 'That password is one of the most common ones. Choose something less guessable.',
  contains_email: "Don't use your email address in your password.",
};

export const identityErrors = {
  weakPassword(problem: PasswordProblem, field = 'body.password') {
    return new AppError('weak_password', passwordMessages[problem], {
      fields: [{ path: field, message: passwordMessages[problem] }],
    });
  },
  invalidCredentials() {
    return new AppError(
      'invalid_credentials',
      'That email and password do not match. Try again, or use an email link.',
    );
  },
  linkInvalid() {
    return new AppError('link_invalid', 'This link is not valid. Ask for a new one.');
  },
  linkUsed() {
    return new AppError('link_used', 'This link has already been used. Ask for a fresh one.', {
      canResend: true,
    });
  },
  linkExpired() {
    return new AppError('link_expired', 'This link has expired. Ask for a fresh one.', { canResend: true });
  },
  lastOwner() {
    return new AppError('last_owner', 'Every account needs an owner. Make someone else an owner first.');
  },
  /** What an account may do only once its person has proven their address; the web app offers a new link. */
  emailNotConfirmed(what: string) {
    return new AppError(
      'email_not_confirmed',
      `Confirm your email address to ${what}: follow the link we emailed you, or ask for a new one.`,
    );
  },
  forbidden(message: string) {
    return new AppError('forbidden', message);
  },
  notFound(message: string) {
    return new AppError('not_found', message);
  },
};
