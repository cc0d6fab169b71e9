/**
 * The sandbox's test cards, after Stripe's own: one that pays, one declined, one whose bank asks for
 * authentication (on the checkout page it can be approved; charged later while the person is away it fails
 * with `authentication_required`), and one that saves fine and declines later charges.
 */
export const SANDBOX_CARDS = [
  {
    key: 'visa',
    number: '4242424242424242',
    label: 'Succeeds',
    last4: '4242',
    onSession: 'succeed',
    offSession: 'succeed',
  },
  {
    key: 'declined',
    number: '4000000000000002',
    label: 'Declined',
    last4: '0002',
    onSession: 'decline',
    offSession: 'decline',
  },
  {
    key: 'auth',
    number: '4000002760003184',
    label: 'Requires authentication',
    last4: '3184',
    onSession: 'authenticate',
    offSession: 'authentication_required',
  },
  {
    key: 'later',
    number: '4000000000000341',
    label: 'Saves, then declines later charges',
    last4: '0341',
    onSession: 'succeed',
    offSession: 'decline',
  },
] as const;

export type SandboxCard = (typeof SANDBOX_CARDS)[number];

export function cardByNumber(number: string): SandboxCard | undefined {
  return SANDBOX_CARDS.find((card) => card.number === number.replace(/\s+/g, ''));
}

/** Sandbox object ids name the test card behind them (`pm_sb_visa_…`), so no state needs keeping. */
export function cardOfId(id: string): SandboxCard | undefined {
  const key = /^(?:pm|pi|seti)_sb_([a-z]+)_/.exec(id)?.[1];
  return SANDBOX_CARDS.find((card) => card.key === key);
}

/** Test cards never expire: the sandbox says the end of next year. */
export function sandboxExpiry(now: Date) {
  return { expMonth: 12, expYear: now.getUTCFullYear() + 1 };
}
