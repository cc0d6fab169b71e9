import type { Config } from '../../config';
import type { MailTransport } from './mail.port';
import { createOutboxTransport } from './outbox/outbox.adapter';
import { createSmtpTransport } from './smtp/smtp.adapter';

export type { MailTransport, OutgoingMail } from './mail.port';

export function createMailTransport(config: Pick<Config, 'mail'>): MailTransport {
  return config.mail.smtpUrl ? createSmtpTransport(config.mail.smtpUrl) : createOutboxTransport();
}
