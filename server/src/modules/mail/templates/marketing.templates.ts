import { type RenderedMail, renderMail } from './layout.templates';

/** To someone who asked for a sign-in link while the beta gate is on and nobody has invited them yet. */
export function waitlistMail(): RenderedMail {
  return renderMail('waitlist', "You're on the Mobayilo list", {
    preview: "We'll email you as soon as there's a place for you.",
    heading: "You're on the list",
    paragraphs: [
      'Thanks for your interest in Mobayilo. We are letting people in a few at a time while the service is in beta, and your address is now on our waitlist.',
      "There is nothing else to do: we'll email you an invitation to sign up as soon as there's a place for you.",
    ],
    footnote: "If you didn't ask to join Mobayilo, you can ignore this email.",
  });
}

/** An admin let a subscriber in: the link opens the sign-up form with their address filled in. */
export function subscriberInviteMail(input: { url: string }): RenderedMail {
  return renderMail('subscriber_invite', 'Your invitation to Mobayilo', {
    preview: 'Your place is ready: create your account.',
    heading: "You're invited to Mobayilo",
    paragraphs: [
      'Your place in the Mobayilo beta is ready. Call any phone in the world from your browser, paying only for the minutes you use.',
      'Create your account with the button below, or sign in with this address at any time.',
    ],
    action: { label: 'Create my account', url: input.url },
    footnote: "If you didn't ask to join Mobayilo, you can ignore this email.",
  });
}
