// Email notifications for a running server: the SMTP sender, the queue's worker and the
// notifier the comment service calls. Only with SMTP_URL; without it nothing here runs.
import { createNotifier, type Notifier } from '../../domain/notifications/notifier';
import type { CommentStore } from '../../domain/store';
import type { Config } from '../config';
import type { Logger } from '../log';
import { defaultMailFrom, createSmtpSender } from './transport';
import { createMailWorker, type MailWorkerOptions } from './worker';

/** Tests shorten the worker's waits; users have no such setting. */
export type MailTimings = Partial<Pick<MailWorkerOptions, 'retryBaseMs' | 'retryMaxMs' | 'maxAttempts' | 'pollMs' | 'leaseMs'>>;

export interface RunningMail {
  notifier: Notifier;
  /** Stops the worker (after the email it is sending) and the SMTP connection. */
  close(): Promise<void>;
}

export function startMail(
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'moderatorEmail' | 'publicUrl'>,
  store: CommentStore,
  secret: string,
  logger: Logger,
  timings: MailTimings = {},
): RunningMail | undefined {
  const { smtpUrl, publicUrl } = config;
  // loadConfig refuses SMTP_URL without PUBLIC_URL.
  if (!smtpUrl || !publicUrl) return undefined;
  const sender = createSmtpSender(smtpUrl, config.mailFrom ?? defaultMailFrom(publicUrl));
  const worker = createMailWorker({ store, send: sender.send, logger, ...timings });
  const notifier = createNotifier(store, { publicUrl, secret, moderatorEmail: config.moderatorEmail, onQueued: () => worker.wake() });
  return {
    notifier,
    async close() {
      await worker.close();
      sender.close();
    },
  };
}
