// The mail worker against the in-memory store and a sender that fails: retries with
// backoff, then gives up, keeps the row marked failed, and says so in the log.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/domain/memory-store';
import type { EmailMessage } from '../../src/domain/notifications/notification-store';
import { createLogger, type LogFields } from '../../src/server/log';
import { createMailWorker } from '../../src/server/mail/worker';

const message: EmailMessage = { to: 'ann@example.org', subject: 'Hello', text: 'Text', headers: {} };

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('the mail worker', () => {
  it('tries again with backoff, then gives up and keeps the email marked failed', async () => {
    const store = createMemoryStore();
    await store.enqueueEmail(message, new Date().toISOString());
    const lines: Array<{ level: string; msg: string } & LogFields> = [];
    const logger = createLogger('debug', (line) => lines.push(JSON.parse(line)));
    let tries = 0;
    const worker = createMailWorker({
      store,
      logger,
      send: async () => {
        tries += 1;
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET' });
      },
      retryBaseMs: 5,
      retryMaxMs: 20,
      maxAttempts: 3,
      pollMs: 10,
    });
    try {
      await until(async () => (await store.listEmails())[0].status === 'failed');
    } finally {
      await worker.close();
    }
    const [email] = await store.listEmails();
    expect(email).toMatchObject({ status: 'failed', attempts: 3, lastError: 'connect ECONNREFUSED 127.0.0.1:1', sentAt: null });
    expect(tries).toBe(3);
    expect(lines.filter((l) => l.msg === 'email not sent; will try again')).toHaveLength(2);
    expect(lines.filter((l) => l.level === 'error')).toEqual([expect.objectContaining({ msg: 'email given up after too many failed attempts', id: email.id, attempts: 3, code: 'ESOCKET' })]);
    // The log never names the recipient.
    expect(JSON.stringify(lines)).not.toContain('ann@example.org');
  });

  it('sends what is due, once, and forgets its text and headers', async () => {
    const store = createMemoryStore();
    await store.enqueueEmail({ ...message, headers: { 'List-Unsubscribe': '<https://x.example/u?token=1>' } }, new Date().toISOString());
    const sent: EmailMessage[] = [];
    const worker = createMailWorker({ store, logger: createLogger('silent'), send: async (m) => void sent.push(m), pollMs: 10 });
    try {
      await until(async () => (await store.listEmails())[0].status === 'sent');
      worker.wake();
    } finally {
      await worker.close();
    }
    expect(sent).toEqual([{ ...message, headers: { 'List-Unsubscribe': '<https://x.example/u?token=1>' } }]);
    expect((await store.listEmails())[0]).toMatchObject({ status: 'sent', attempts: 1, message: { to: 'ann@example.org', text: '', headers: {} } });
  });
});
