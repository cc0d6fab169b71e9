import { createHash } from 'node:crypto';
import { signStripePayload } from '../stripe/stripe-signature.util';

/** Short, stable ids derived from what they stand for: the same session or key always yields the same id. */
export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

export type SandboxEvent = { id: string; type: string; object: Record<string, unknown> };

/**
 * An event as Stripe shapes it. Its id is derived from its type and object, so paying the same session twice
 * sends the very same events, which the inbox then stores once.
 */
export function sandboxEvent(type: string, object: Record<string, unknown> & { id: string }): SandboxEvent {
  return { id: `evt_sb_${digest(`${type}:${object.id}`)}`, type, object };
}

export type Delivery = {
  url: string;
  secret: string;
  now: () => Date;
  fetch?: typeof fetch;
};

const ATTEMPTS = 3;

/**
 * Posts events to our webhook over HTTP, one by one, each signed as Stripe signs (a fresh timestamp per
 * attempt), retrying a few times like Stripe does. Throws when an event could not be delivered.
 */
export async function deliverEvents(delivery: Delivery, events: SandboxEvent[]): Promise<void> {
  const send = delivery.fetch ?? fetch;
  for (const event of events) {
    const created = Math.floor(delivery.now().getTime() / 1000);
    const body = JSON.stringify({
      id: event.id,
      object: 'event',
      type: event.type,
      created,
      livemode: false,
      api_version: 'sandbox',
      data: { object: event.object },
    });
    let lastProblem = '';
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      try {
        const signature = signStripePayload(
          body,
          delivery.secret,
          Math.floor(delivery.now().getTime() / 1000),
        );
        const response = await send(delivery.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signature },
          body,
        });
        if (response.ok) {
          lastProblem = '';
          break;
        }
        lastProblem = `answered ${response.status}`;
      } catch (error) {
        lastProblem = error instanceof Error ? error.message : String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
    if (lastProblem) throw new Error(`the webhook ${delivery.url} ${lastProblem} for ${event.type}`);
  }
}
