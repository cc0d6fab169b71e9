import { formatUsd as usd } from '../../../platform/money.util';
import { type RenderedMail, renderMail } from './layout.templates';

function dateOf(at: Date): string {
  return at.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

export function topupReceiptMail(input: {
  amountCents: number;
  at: Date;
  cardLast4: string | null;
  balanceCents: number;
  automatic: boolean;
  url: string;
}): RenderedMail {
  const card = input.cardLast4 ? `the card ending ${input.cardLast4}` : 'your card';
  const what = input.automatic ? 'Automatic top-up' : 'Top-up';
  return renderMail('topup_receipt', `Receipt: ${usd(input.amountCents)} added to your Mobayilo credit`, {
    preview: `${usd(input.amountCents)} added. Your balance is ${usd(input.balanceCents)}.`,
    heading: `${usd(input.amountCents)} added to your credit`,
    paragraphs: [
      `${what} of ${usd(input.amountCents)} on ${dateOf(input.at)} (UTC), paid with ${card}.`,
      `Your balance is now ${usd(input.balanceCents)}.`,
    ],
    action: { label: 'See your credit', url: input.url },
    footnote: 'Keep this email as your receipt.',
  });
}

export function autoTopupFailedMail(input: {
  amountCents: number;
  reason: string;
  authenticationRequired: boolean;
  paused: boolean;
  url: string;
}): RenderedMail {
  const next = input.authenticationRequired
    ? 'Open Mobayilo to confirm the payment with your bank, or to pay with another card.'
    : 'Open Mobayilo to pay with another card.';
  return renderMail('auto_topup_failed', 'Your automatic top-up did not go through', {
    preview: `We could not add ${usd(input.amountCents)} to your credit.`,
    heading: 'Your automatic top-up did not go through',
    paragraphs: [
      `We tried to add ${usd(input.amountCents)} to your credit with your saved card. ${input.reason}`,
      next,
      ...(input.paused
        ? ['Automatic top-ups are paused after three failed attempts in a row. Turn them back on in Credits.']
        : []),
    ],
    action: { label: 'Fix my payment', url: input.url },
  });
}

export function paymentFailedMail(input: { amountCents: number; reason: string; url: string }): RenderedMail {
  return renderMail('payment_failed', 'Your top-up did not go through', {
    preview: `We could not add ${usd(input.amountCents)} to your credit.`,
    heading: 'Your top-up did not go through',
    paragraphs: [`Your payment of ${usd(input.amountCents)} did not complete. ${input.reason}`],
    action: { label: 'Try again', url: input.url },
  });
}

export function disputeAlertMail(input: {
  accountId: string;
  disputeId: string;
  amountCents: number;
  heldCents: number;
  owedCents: number;
  reason: string;
}): RenderedMail {
  return renderMail('dispute_alert', `Card dispute opened: ${usd(input.amountCents)}`, {
    preview: `Account ${input.accountId} disputed a payment.`,
    heading: 'A card payment was disputed',
    paragraphs: [
      `Dispute ${input.disputeId} on account ${input.accountId}: ${usd(input.amountCents)} (${input.reason}).`,
      `${usd(input.heldCents)} of the wallet is held until the dispute closes; ${usd(input.owedCents)} could not be held and is recorded as owed. Automatic top-ups of the account are paused.`,
      'Respond to the dispute in the Stripe Dashboard.',
    ],
  });
}
