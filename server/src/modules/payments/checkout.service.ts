import type { Principal } from '../../platform/http/auth.guards';
import type { RateLimit } from '../../platform/http/rate-limit.adapter';
import { decodeCursor, pageOf } from '../../platform/pagination.util';
import { PaymentsProviderError } from '../../providers/payments';
import { requireConfirmedAddress } from '../identity';
import { checkTopupAmount, formatUsd, MINIMUM_TOPUP_CENTS } from './payments.domain';
import { paymentsErrors } from './payments.errors';
import { paymentsRepository as repository, type SavedCard, type Topup } from './payments.repository';
import type { PaymentsDeps } from './payments-deps.types';

export function topupView(topup: Topup) {
  return {
    id: topup.id,
    kind: topup.kind,
    status: topup.status,
    amountCents: topup.amountCents,
    refundedCents: topup.refundedCents,
    cardBrand: topup.cardBrand,
    cardLast4: topup.cardLast4,
    failureMessage: topup.failureMessage,
    createdAt: topup.createdAt.toISOString(),
    completedAt: topup.completedAt?.toISOString() ?? null,
  };
}

export function cardView(card: SavedCard | undefined) {
  return card
    ? { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear }
    : null;
}

/** Provider failures become a 502 that says nothing was charged; our own errors pass through. */
async function callingProvider<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PaymentsProviderError) throw paymentsErrors.providerUnavailable(error);
    throw error;
  }
}

/** Top-ups and cards started by people: Checkout sessions to pay or to save a card, and their records. */
export function createCheckoutService(deps: PaymentsDeps & { checkoutLimit: RateLimit }) {
  const { db, clock, provider } = deps;
  /** Checkout sessions are where stolen cards get tested: each account may open only so many an hour. */
  const limitCheckouts = (principal: Principal) =>
    deps.checkoutLimit.consume(
      principal.account.id,
      'That is a lot of checkouts in a short time. Please wait a little before trying again.',
    );
  const url = (path: string) => `${deps.settings.publicUrl}${path}`;

  /** The account's customer at the processor, created on first need (the key makes a retry reuse it). */
  async function customerFor(principal: Principal): Promise<string> {
    const known = await repository.findCustomerId(db, principal.account.id);
    if (known) return known;
    const { customerId } = await callingProvider(() =>
      provider.createCustomer({
        accountId: principal.account.id,
        email: principal.user.email,
        name: principal.account.name,
        idempotencyKey: `customer:${principal.account.id}`,
      }),
    );
    return repository.saveCustomerId(db, principal.account.id, customerId);
  }

  /** A top-up row, then its Checkout session; a provider failure leaves the row failed and charges nothing. */
  async function checkoutFor(
    principal: Principal,
    input: { kind: 'checkout' | 'recovery'; amountCents: number; saveCard: boolean },
  ) {
    await limitCheckouts(principal);
    const customerId = await customerFor(principal);
    const topup = await repository.insertTopup(db, {
      accountId: principal.account.id,
      kind: input.kind,
      amountCents: input.amountCents,
      saveCard: input.saveCard,
      createdBy: principal.user.id,
      notifyEmail: principal.user.email,
      createdAt: clock.now(),
    });
    const metadata = { topupId: topup.id, accountId: principal.account.id, kind: input.kind };
    try {
      const session = await callingProvider(() =>
        provider.createCheckout({
          mode: 'payment',
          customerId,
          amountCents: input.amountCents,
          saveCard: input.saveCard,
          description: `Mobayilo credit ${formatUsd(input.amountCents)}`,
          metadata,
          successUrl: url(`/dial?topup=${topup.id}`),
          cancelUrl: url(`/credits?topup=${topup.id}`),
          idempotencyKey: `checkout:${topup.id}`,
        }),
      );
      await repository.setCheckoutSession(db, topup.id, session.id);
      return { topupId: topup.id, checkoutUrl: session.url };
    } catch (error) {
      await repository.markFailed(db, topup.id, {
        paymentIntentId: null,
        failureCode: 'provider_unavailable',
        failureMessage: 'The card processor could not be reached. Nothing was charged.',
        completedAt: clock.now(),
      });
      throw error;
    }
  }

  function requireAmount(principal: Principal, amountCents: number) {
    const problem = checkTopupAmount(amountCents, principal.account.kind, deps.settings.topupMaxCents);
    if (problem?.code === 'below_minimum')
      throw paymentsErrors.belowMinimum(problem.minimumCents, principal.account.kind);
    if (problem?.code === 'above_maximum') throw paymentsErrors.aboveMaximum(problem.maximumCents);
  }

  return {
    /** Starts a Checkout top-up of whole dollars, within the account's minimum and the maximum. */
    async startTopup(principal: Principal, input: { amountCents: number; saveCard?: boolean }) {
      if (input.saveCard) requireConfirmedAddress(principal, 'save a card');
      requireAmount(principal, input.amountCents);
      return checkoutFor(principal, { kind: 'checkout', ...input, saveCard: input.saveCard ?? false });
    },

    /**
     * After an automatic top-up failed: a Checkout of the same amount where the person can authenticate with
     * their bank or use another card, which becomes the saved card.
     */
    async startRecovery(principal: Principal) {
      requireConfirmedAddress(principal, 'save a card');
      const accountId = principal.account.id;
      const [latest, settings] = await Promise.all([
        repository.latestOfKind(db, accountId, ['auto']),
        repository.findSettings(db, accountId),
      ]);
      const amountCents =
        latest?.status === 'failed'
          ? latest.amountCents
          : (settings?.amountCents ?? MINIMUM_TOPUP_CENTS[principal.account.kind]);
      requireAmount(principal, amountCents);
      return checkoutFor(principal, { kind: 'recovery', amountCents, saveCard: true });
    },

    /** A setup-mode Checkout: saves (or replaces) the card without charging it. */
    async startCardSetup(principal: Principal) {
      requireConfirmedAddress(principal, 'save a card');
      await limitCheckouts(principal);
      const customerId = await customerFor(principal);
      const session = await callingProvider(() =>
        provider.createCheckout({
          mode: 'setup',
          customerId,
          description: 'Save a card for automatic top-ups',
          metadata: { accountId: principal.account.id, kind: 'setup' },
          successUrl: url('/credits?card=saved'),
          cancelUrl: url('/credits'),
          idempotencyKey: `setup:${principal.account.id}:${clock.now().getTime()}`,
        }),
      );
      return { checkoutUrl: session.url };
    },

    async card(principal: Principal) {
      return { card: cardView(await repository.findActiveCard(db, principal.account.id)) };
    },

    async findTopup(principal: Principal, topupId: string) {
      const topup = await repository.findTopup(db, topupId);
      if (!topup || topup.accountId !== principal.account.id) throw paymentsErrors.topupNotFound();
      return topupView(topup);
    },

    async listTopups(principal: Principal, query: { cursor?: string; limit: number }) {
      const before = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await repository.listTopups(db, principal.account.id, { before, limit: query.limit });
      const page = pageOf(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
      return { items: page.items.map(topupView), nextCursor: page.nextCursor };
    },
  };
}

export type CheckoutService = ReturnType<typeof createCheckoutService>;
