import { cardByNumber, SANDBOX_CARDS, type SandboxCard } from './sandbox-cards.domain';
import {
  type Delivery,
  deliverEvents,
  digest,
  type SandboxEvent,
  sandboxEvent,
} from './sandbox-events.service';
import { decodeSession, type SandboxSession } from './sandbox-session.util';

export type SandboxCheckoutView = {
  mode: 'payment' | 'setup';
  amountCents: number | null;
  currency: 'usd';
  description: string;
  saveCard: boolean;
  cancelUrl: string;
  cards: { number: string; label: string }[];
};

export type SandboxPayment = {
  outcome: 'succeeded' | 'declined' | 'authentication_required' | 'authentication_failed';
  message: string;
  /** Where the page goes next; null while it still waits for the person (authentication). */
  redirectUrl: string | null;
};

export class SandboxCheckoutError extends Error {
  constructor(
    readonly reason: 'unknown_session' | 'expired' | 'unknown_card' | 'delivery_failed',
    message: string,
  ) {
    super(message);
    this.name = 'SandboxCheckoutError';
  }
}

/** What the sandbox checkout page does: show a session, pay it with a test card, or give up on it. */
export function createSandboxCheckout(deps: { secret: string; delivery: Delivery; now: () => Date }) {
  function open(sessionId: string): SandboxSession {
    const session = decodeSession(sessionId, deps.secret);
    if (!session) throw new SandboxCheckoutError('unknown_session', 'There is no such sandbox checkout.');
    if (session.expiresAt <= deps.now().getTime())
      throw new SandboxCheckoutError(
        'expired',
        'This sandbox checkout has expired. Start again from Mobayilo.',
      );
    return session;
  }

  async function deliver(events: SandboxEvent[]) {
    try {
      await deliverEvents(deps.delivery, events);
    } catch (error) {
      throw new SandboxCheckoutError(
        'delivery_failed',
        `The sandbox could not reach Mobayilo's webhook: ${error instanceof Error ? error.message : error}`,
      );
    }
  }

  function sessionObject(id: string, session: SandboxSession, extra: Record<string, unknown>) {
    return {
      id,
      object: 'checkout.session',
      mode: session.mode,
      currency: 'usd',
      amount_total: session.amountCents,
      customer: session.customerId,
      client_reference_id: session.metadata.topupId ?? session.metadata.accountId ?? null,
      metadata: session.metadata,
      payment_intent: null,
      setup_intent: null,
      ...extra,
    };
  }

  /** The events Stripe sends when a session is paid (or its card saved) with `card`. */
  function successEvents(id: string, session: SandboxSession, card: SandboxCard): SandboxEvent[] {
    const suffix = `${card.key}_${digest(id)}`;
    const paymentMethod = `pm_sb_${suffix}`;
    if (session.mode === 'setup') {
      const setupIntent = `seti_sb_${suffix}`;
      return [
        sandboxEvent('setup_intent.succeeded', {
          id: setupIntent,
          object: 'setup_intent',
          status: 'succeeded',
          customer: session.customerId,
          payment_method: paymentMethod,
          usage: 'off_session',
          metadata: session.metadata,
        }),
        sandboxEvent(
          'checkout.session.completed',
          sessionObject(id, session, {
            status: 'complete',
            payment_status: 'no_payment_required',
            setup_intent: setupIntent,
          }),
        ),
      ];
    }
    const paymentIntent = `pi_sb_${suffix}`;
    return [
      sandboxEvent('payment_intent.succeeded', {
        id: paymentIntent,
        object: 'payment_intent',
        status: 'succeeded',
        amount: session.amountCents,
        amount_received: session.amountCents,
        currency: 'usd',
        customer: session.customerId,
        payment_method: paymentMethod,
        setup_future_usage: session.saveCard ? 'off_session' : null,
        metadata: session.metadata,
      }),
      sandboxEvent(
        'checkout.session.completed',
        sessionObject(id, session, {
          status: 'complete',
          payment_status: 'paid',
          payment_intent: paymentIntent,
        }),
      ),
    ];
  }

  function failureEvent(
    id: string,
    session: SandboxSession,
    card: SandboxCard,
    code: string,
    message: string,
  ) {
    if (session.mode === 'setup') return [];
    return [
      sandboxEvent('payment_intent.payment_failed', {
        id: `pi_sb_${card.key}_${digest(id)}`,
        object: 'payment_intent',
        status: 'requires_payment_method',
        amount: session.amountCents,
        amount_received: 0,
        currency: 'usd',
        customer: session.customerId,
        metadata: session.metadata,
        last_payment_error: { type: 'card_error', code, decline_code: code, message },
      }),
    ];
  }

  return {
    describe(sessionId: string): SandboxCheckoutView {
      const session = open(sessionId);
      return {
        mode: session.mode,
        amountCents: session.amountCents,
        currency: 'usd',
        description: session.description,
        saveCard: session.saveCard,
        cancelUrl: session.cancelUrl,
        cards: SANDBOX_CARDS.map(({ number, label }) => ({ number, label })),
      };
    },

    /**
     * Pays (or saves) with a test card: sends the signed events to our webhook, then says where to go. The
     * authentication card first answers `authentication_required`, and is paid once `authentication` says
     * how the person answered their bank.
     */
    async pay(
      sessionId: string,
      input: { card: string; authentication?: 'approve' | 'deny' },
    ): Promise<SandboxPayment> {
      const session = open(sessionId);
      const card = cardByNumber(input.card);
      if (!card)
        throw new SandboxCheckoutError('unknown_card', 'Use one of the test cards listed on the page.');
      if (card.onSession === 'decline') {
        const message = 'Your card was declined.';
        await deliver(failureEvent(sessionId, session, card, 'card_declined', message));
        return { outcome: 'declined', message, redirectUrl: session.cancelUrl };
      }
      if (card.onSession === 'authenticate' && !input.authentication) {
        return {
          outcome: 'authentication_required',
          message: 'Your bank asks you to confirm this payment.',
          redirectUrl: null,
        };
      }
      if (input.authentication === 'deny' && card.onSession === 'authenticate') {
        const message = 'The payment was not confirmed with your bank.';
        await deliver(
          failureEvent(sessionId, session, card, 'payment_intent_authentication_failure', message),
        );
        return { outcome: 'authentication_failed', message, redirectUrl: session.cancelUrl };
      }
      await deliver(successEvents(sessionId, session, card));
      return {
        outcome: 'succeeded',
        message: session.mode === 'setup' ? 'Card saved.' : 'Payment received.',
        redirectUrl: session.successUrl,
      };
    },

    /** Leaves without paying: like an expired Stripe session, reported to our webhook. */
    async cancel(sessionId: string): Promise<{ redirectUrl: string }> {
      const session = open(sessionId);
      await deliver([
        sandboxEvent('checkout.session.expired', sessionObject(sessionId, session, { status: 'expired' })),
      ]);
      return { redirectUrl: session.cancelUrl };
    },
  };
}

export type SandboxCheckout = ReturnType<typeof createSandboxCheckout>;
