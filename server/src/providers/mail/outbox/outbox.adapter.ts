import { randomUUID } from 'node:crypto';
import type { MailTransport } from '../mail.port';

/**
 * Without SMTP, mail stays in the outbox table that every message is written to anyway; "delivering" it only
 * marks it delivered. Developers read it at /dev/mail.
 */
export function createOutboxTransport(): MailTransport {
  return {
    kind: 'outbox',
    async send() {
      return { messageId: `outbox-${randomUUID()}` };
    },
  };
}
