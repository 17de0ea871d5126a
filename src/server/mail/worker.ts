// The mail worker: sends the email queue (email_outbox) in the background. Posting only
// writes rows; this delivers them, so a slow or down mail server never slows a post, and
// whatever is not sent yet is sent by the next process that starts. Several instances on
// one PostgreSQL share the queue: each claims rows for a lease (claimDueEmails) before
// sending. A failed attempt is tried again after 1, 2, 4… minutes (capped); after
// maxAttempts the row is kept, marked failed, and logged.
import type { NotificationStore } from '../../domain/notifications/notification-store';
import type { Logger } from '../log';
import type { SendEmail } from './transport';

export interface MailWorkerOptions {
  store: NotificationStore;
  send: SendEmail;
  logger: Logger;
  /** The wait after the first failed attempt, doubled after each next one; default 1 minute. */
  retryBaseMs?: number;
  /** The longest wait between attempts; default 1 hour. */
  retryMaxMs?: number;
  /** Attempts before an email is given up; default 10 (about 4 hours with the defaults). */
  maxAttempts?: number;
  /** How often the queue is looked at without being woken (retries, other instances' rows); default 30 s. */
  pollMs?: number;
  /** How long a claimed email is left to its sender before another may take it; default 5 minutes. */
  leaseMs?: number;
  now?: () => Date;
}

/** Emails claimed at once: a sender that dies leaves only these to wait for their lease. */
const BATCH = 20;
/**
 * Woken from inside a post's transaction, the worker may look before that commits (PostgreSQL):
 * it looks once more this much later rather than waiting for the next poll.
 */
const SETTLE_MS = 250;

export interface MailWorker {
  /** Emails were queued: send them soon. */
  wake(): void;
  /** Stops looking; resolves once the batch being sent is done. */
  close(): Promise<void>;
}

export function createMailWorker(options: MailWorkerOptions): MailWorker {
  const { store, send, logger } = options;
  const now = options.now ?? (() => new Date());
  const retryBaseMs = options.retryBaseMs ?? 60_000;
  const retryMaxMs = options.retryMaxMs ?? 60 * 60_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  let running: Promise<void> | undefined;
  let again = false;

  const later = (ms: number) => new Date(now().getTime() + ms).toISOString();

  async function sendDue(): Promise<void> {
    for (;;) {
      const emails = await store.claimDueEmails(now().toISOString(), later(leaseMs), BATCH);
      for (const email of emails) {
        try {
          await send(email.message);
          await store.markEmailSent(email.id, now().toISOString());
          logger.info('email sent', { id: email.id, attempts: email.attempts });
        } catch (error) {
          const giveUp = email.attempts >= maxAttempts;
          const retryAt = giveUp ? null : later(Math.min(retryBaseMs * 2 ** (email.attempts - 1), retryMaxMs));
          // The message may quote the server's answer, which can name the recipient: it stays in the database.
          await store.markEmailFailed(email.id, error instanceof Error ? error.message : String(error), retryAt);
          const fields = { id: email.id, attempts: email.attempts, code: (error as { code?: string }).code, retryAt: retryAt ?? undefined };
          if (giveUp) logger.error('email given up after too many failed attempts', fields);
          else logger.warn('email not sent; will try again', fields);
        }
        if (closed) return;
      }
      if (emails.length < BATCH) return;
    }
  }

  function run(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = sendDue()
      .catch((error: unknown) => logger.warn('could not read the email queue', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  }

  function after(ms: number): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    timers.add(timer);
  }

  const poll = setInterval(run, options.pollMs ?? 30_000);
  poll.unref();
  // What an earlier process left unsent goes now.
  run();

  return {
    wake() {
      run();
      after(SETTLE_MS);
    },
    async close() {
      closed = true;
      clearInterval(poll);
      for (const timer of timers) clearTimeout(timer);
      await running;
    },
  };
}
