// Sending one queued email over SMTP (SMTP_URL) with nodemailer. The URL holds the
// credentials: it is never logged, and errors are reported without it.
import nodemailer from 'nodemailer';
import type { EmailMessage } from '../../domain/notifications/notification-store';

export type SendEmail = (message: EmailMessage) => Promise<void>;

export interface SmtpSender {
  send: SendEmail;
  close(): void;
}

export function createSmtpSender(smtpUrl: string, from: string): SmtpSender {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    // A mail server that hangs must not hold the queue for nodemailer's default minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, headers: message.headers });
    },
    close: () => transport.close(),
  };
}

/** The sender's address when MAIL_FROM is unset: noreply at the site's host. */
export const defaultMailFrom = (publicUrl: string) => `Colloquy <noreply@${new URL(publicUrl).hostname}>`;
