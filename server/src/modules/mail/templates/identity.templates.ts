import { type RenderedMail, renderMail } from './layout.templates';

export function magicLinkMail(input: { url: string; expiresInMinutes: number }): RenderedMail {
  return renderMail('magic_link', 'Your Mobayilo sign-in link', {
    preview: 'Tap to sign in to Mobayilo.',
    heading: 'Sign in to Mobayilo',
    paragraphs: [
      `Use the button below to sign in. The link works once and expires in ${input.expiresInMinutes} minutes.`,
    ],
    action: { label: 'Sign in', url: input.url },
    footnote: "If you didn't ask to sign in, you can ignore this email: nobody can sign in without the link.",
  });
}

export function passwordResetMail(input: { url: string; expiresInMinutes: number }): RenderedMail {
  return renderMail('password_reset', 'Reset your Mobayilo password', {
    preview: 'Choose a new password.',
    heading: 'Choose a new password',
    paragraphs: [
      `Someone (hopefully you) asked to reset the password of this Mobayilo account. The link works once and expires in ${input.expiresInMinutes} minutes.`,
      'Setting a new password signs you out everywhere else.',
    ],
    action: { label: 'Choose a new password', url: input.url },
    footnote: "If you didn't ask for this, ignore this email: your password stays as it is.",
  });
}

/** Sent at sign-up with a password: the address is proven only when its owner follows the link. */
export function signUpConfirmationMail(input: { url: string; expiresInDays: number }): RenderedMail {
  return renderMail('email_confirmation', 'Confirm your email address for Mobayilo', {
    preview: 'Confirm that this address is yours.',
    heading: 'Confirm your email address',
    paragraphs: [
      'Someone signed up for Mobayilo with this address. If it was you, confirm it with the button below: until then you can top up and call, but not save a card, turn on automatic top-ups, add your company domain or invite people.',
      `The link works once and expires in ${input.expiresInDays} days.`,
    ],
    action: { label: 'Confirm my address', url: input.url },
    footnote:
      'If it was not you, ignore this email and use Sign in with this address instead: signing in with an email link discards the password and everything else the other person set up.',
  });
}

/** To an unconfirmed company owner or admin: someone at their domain joined on their own. */
export function colleagueWaitingMail(input: {
  companyName: string;
  domain: string;
  url: string;
}): RenderedMail {
  return renderMail('colleague_waiting', `People at ${input.domain} cannot join ${input.companyName} yet`, {
    preview: `Confirm your address to let people at ${input.domain} join by themselves.`,
    heading: `Let people at ${input.domain} join ${input.companyName}`,
    paragraphs: [
      `Someone with an address at ${input.domain} just started using Mobayilo on their own, because ${input.companyName} has not confirmed an address at ${input.domain} yet.`,
      'Confirm your email address with the link we sent when you signed up (Settings lets you ask for a new one): from then on, new people at your domain join as seats.',
    ],
    action: { label: 'Open Settings', url: input.url },
  });
}

/** An invitation for someone who already uses Mobayilo: they join the company only if they accept. */
export function companyInviteMail(input: {
  url: string;
  companyName: string;
  inviterEmail: string;
  expiresInDays: number;
}): RenderedMail {
  return renderMail('company_invite', `${input.companyName} invites you to call with them on Mobayilo`, {
    preview: `${input.inviterEmail} invited you to join ${input.companyName}.`,
    heading: `Join ${input.companyName} on Mobayilo`,
    paragraphs: [
      `${input.inviterEmail} invited you to take a seat in ${input.companyName}: your calls would be paid from the company's wallet.`,
      `Nothing changes unless you accept. The link works once and expires in ${input.expiresInDays} days.`,
    ],
    action: { label: 'Accept and sign in', url: input.url },
    footnote: "If you don't want to join, ignore this email.",
  });
}

export function seatInviteMail(input: {
  url: string;
  companyName: string;
  inviterEmail: string;
  expiresInDays: number;
}): RenderedMail {
  return renderMail('seat_invite', `You're invited to call with ${input.companyName} on Mobayilo`, {
    preview: `${input.inviterEmail} added you to ${input.companyName}.`,
    heading: `Join ${input.companyName} on Mobayilo`,
    paragraphs: [
      `${input.inviterEmail} gave you a seat in ${input.companyName}. You can call any phone in the world from your browser, paid from the company's wallet.`,
      `The link works once and expires in ${input.expiresInDays} days. After that, sign in with your email at any time.`,
    ],
    action: { label: 'Accept and sign in', url: input.url },
  });
}
