import { type RenderedMail, renderMail } from './layout';

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
