/** A rendered email, ready to hand to a transport. */
export type OutgoingMail = {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
};

/** Where mail goes: a real SMTP server, or the local outbox (development and demos). */
export type MailTransport = {
  kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
};
