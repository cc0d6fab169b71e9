import nodemailer from 'nodemailer';
import type { MailTransport } from '../mail.port';

/** Delivers through the SMTP server named by SMTP_URL (nodemailer). */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail(mail);
      return { messageId: info.messageId };
    },
  };
}
