/**
 * Words for people. Every message the API sends is read by a person: it starts with a capital, says what to
 * do, and names no field path and no validator rule. Schemas carry their own sentences where they can; a
 * check without one (a length limit, a wrong type) is described by the field it concerns.
 */

/** What each field is called in words, for the checks whose schema gives no sentence of its own. */
const fieldLabels: Record<string, string> = {
  email: 'the email address',
  password: 'the password',
  currentPassword: 'your current password',
  newPassword: 'the new password',
  token: 'the link',
  name: 'the name',
  companyName: 'the company name',
  accountType: 'the kind of account',
  role: 'the role',
  domains: 'the domains',
  amountCents: 'the amount',
  thresholdCents: 'the threshold',
  dailyCapCents: 'the daily cap',
  enabled: 'the on/off switch',
  saveCard: 'the save-card choice',
  reason: 'the reason',
  idempotencyKey: 'the request key',
  to: 'the number',
  country: 'the country',
  iso: 'the country',
  digits: 'the keypad digits',
  from: 'the start date',
  cursor: 'the page',
  limit: 'the page size',
  q: 'the search',
  file: 'the file',
};

/** Zod's and Fastify's own wording, and anything that reads like a rule rather than a sentence. */
const validatorWording =
  /\b(invalid input|too (small|big)|expected|received|unrecognized|nan|undefined|null|body|querystring|params|headers)\b|[<>]=?|_|\./i;
/** An identifier written in camelCase (amountCents) is a field's name, not a word. */
const identifier = /\b[a-z]+[A-Z]\w*\b/;

/** True when `text` is a sentence for a person: a capital first, no validator wording, no field path. */
export function isPersonWording(text: string): boolean {
  if (!/^[A-Z0-9$“"'’]/.test(text)) return false;
  // A dot inside a word is a field path (body.amountCents) or a domain; a sentence's full stop is allowed.
  const withoutStops = text.replace(/[.!?](\s|$)/g, '$1').replace(/\b[a-z0-9-]+\.[a-z]{2,}\b/g, '');
  const words = withoutStops.replace(/\d+(\.\d+)?/g, '0');
  return !validatorWording.test(words) && !identifier.test(words);
}

/** A field in words ("the daily cap"), from its path. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  for (let index = path.length - 1; index >= 0; index -= 1) {
    const key = path[index];
    if (typeof key === 'string' && fieldLabels[key]) return fieldLabels[key];
  }
  return 'what you entered';
}

/**
 * The message for one refused value: the schema's own sentence when it is one, otherwise a sentence about
 * the field in words.
 */
export function personMessage(path: readonly PropertyKey[], message: string | undefined): string {
  if (message && isPersonWording(message)) return message;
  return `Check ${fieldLabel(path)} and try again.`;
}
