import type { Config } from '../../config';
import { createOutboxTransport } from './outbox/outbox.transport';
import type { MailTransport } from './port';
import { createSmtpTransport } from './smtp/smtp.transport';

export type { MailTransport, OutgoingMail } from './port';

export function createMailTransport(config: Pick<Config, 'mail'>): MailTransport {
  return config.mail.smtpUrl ? createSmtpTransport(config.mail.smtpUrl) : createOutboxTransport();
}
