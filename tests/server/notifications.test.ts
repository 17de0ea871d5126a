// Email notifications end to end: the real server, a real SMTP server (smtp-server) and
// the messages as a mail client reads them (mailparser). Links in the emails point at
// PUBLIC_URL; the tests follow them on the test server (same path and query).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postCommentResponseSchema } from '../../src/contract/schemas';
import { notificationResultSchema } from '../../src/contract/notifications';
import { SEED_SLUG } from '../../src/domain/seed';
import { exportAll } from '../../src/server/cli/export';
import { importJson, parseColloquyExport } from '../../src/server/cli/import-json';
import { ConfigError, loadConfig } from '../../src/server/config';
import { openStore, resolveAvatarSecret } from '../../src/server/db/kysely-store';
import type { MailTimings } from '../../src/server/mail/start-mail';
import { freePort } from '../support/free-port';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { postJson, useTestServers, type TestServer } from '../support/server';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp';
import { tempDir } from '../support/temp-dir';

const PUBLIC_URL = 'https://comments.example.org';
const FROM = 'noreply@comments.example.org';
const TITLE = 'Belarus Comes Down Hard on Human Rights Defenders';
const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
/** Retries within a test's patience; users have no such setting. */
const FAST: MailTimings = { retryBaseMs: 50, retryMaxMs: 200, pollMs: 100 };

const { start, cleanups } = useTestServers();

async function smtpServer(port?: number): Promise<TestSmtp> {
  const smtp = await startSmtp(port);
  cleanups.push(() => void smtp.close());
  return smtp;
}

interface Post {
  author: string;
  email: string;
  body: string;
  parentId?: number;
  notify?: boolean;
}

async function post(server: TestServer, comment: Post, authorToken = `token-of-${comment.author}`) {
  const response = await server.api(`/api/articles/${SEED_SLUG}/comments`, postJson(comment, { 'X-Author-Token': authorToken }));
  expect(response.status).toBe(201);
  return postCommentResponseSchema.parse(await response.json()).comment;
}

const approve = async (server: TestServer, id: number) =>
  expect((await server.api(`/api/admin/comments/${id}/approve`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(204);

const to = (address: string) => (mail: ReceivedMail) => mail.rcptTo.includes(address);

/** The link in the email's text to this path, as written (on PUBLIC_URL). */
function linkIn(mail: ReceivedMail, path: string): string {
  const link = new RegExp(`${PUBLIC_URL}${path}\\?token=[0-9a-f]{64}`).exec(mail.parsed.text ?? '')?.[0];
  if (!link) throw new Error(`No ${path} link in:\n${mail.parsed.text}`);
  return link;
}

/** Where a PUBLIC_URL link leads on the test server. */
const pathOf = (link: string) => link.slice(PUBLIC_URL.length);

/** Every address in the message apart from the Message-ID (whose right side looks like one). */
function addressesIn(mail: ReceivedMail): string[] {
  const withoutId = mail.raw.replace(/^Message-ID:.*$/im, '');
  return [...new Set(withoutId.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g))].sort();
}

/** Follows a page's form as a browser does (no JavaScript): its hidden fields POSTed to its action, from this site. */
async function submitPage(server: TestServer, path: string): Promise<Response> {
  const page = await server.api(path);
  expect(page.status).toBe(200);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const token = /<input type="hidden" name="token" value="([^"]+)"/.exec(html)?.[1];
  expect(action && token).toBeTruthy();
  return server.api(action!, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, 'Sec-Fetch-Site': 'same-origin' },
    body: new URLSearchParams({ token: token! }).toString(),
  });
}

/** A subscription made and confirmed through the confirmation email's page. */
async function subscribeAndConfirm(server: TestServer, smtp: TestSmtp, comment: Post) {
  const before = smtp.messages.length;
  const posted = await post(server, { ...comment, notify: true });
  const confirmation = await smtp.waitFor(to(comment.email), { after: before });
  const confirmed = await submitPage(server, pathOf(linkIn(confirmation, '/notifications/confirm')));
  expect(confirmed.status).toBe(200);
  expect(await confirmed.text()).toContain('Confirmed');
  return { posted, confirmation };
}

describe('email configuration', () => {
  it('refuses SMTP_URL without PUBLIC_URL, naming both, and never repeats the URL (it holds a password)', () => {
    const secretUrl = 'smtp://mailer:hunter2-secret@mail.example.org:587';
    expect(() => loadConfig({ SMTP_URL: secretUrl })).toThrow(/SMTP_URL: .*PUBLIC_URL/);
    for (const env of [{ SMTP_URL: secretUrl }, { SMTP_URL: 'http://mailer:hunter2-secret@x', PUBLIC_URL }]) {
      try {
        loadConfig(env);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as Error).message).not.toContain('hunter2');
      }
    }
    expect(() => loadConfig({ MODERATOR_EMAIL: 'moderators' })).toThrow(/MODERATOR_EMAIL: must be an email address/);
    expect(() => loadConfig({ MODERATOR_EMAIL: 'mod@example.org' })).toThrow(/MODERATOR_EMAIL: needs SMTP_URL/);
    expect(() => loadConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM: /);
    expect(loadConfig({ SMTP_URL: secretUrl, PUBLIC_URL, MAIL_FROM: 'Site <site@example.org>', MODERATOR_EMAIL: 'mod@example.org' })).toMatchObject({
      smtpUrl: secretUrl,
      mailFrom: 'Site <site@example.org>',
      moderatorEmail: 'mod@example.org',
    });
  });
});

describe('reply notifications by email', () => {
  it('offers the checkbox only with SMTP_URL, and asking for it there subscribes nobody', async () => {
    const plain = await start();
    expect((await (await plain.api(`/api/articles/${SEED_SLUG}`)).json()).replyNotifications).toBe(false);
    // Asked for where there is no email: simply not subscribed.
    await post(plain, { author: 'Ann', email: 'ann@example.org', body: 'Hello', notify: true });
    expect((await plain.api('/api/notifications/confirm?token=' + '0'.repeat(64), { method: 'POST' })).status).toBe(404);

    const smtp = await smtpServer();
    const server = await start({ SMTP_URL: smtp.url, PUBLIC_URL }, { mail: FAST });
    expect((await (await server.api(`/api/articles/${SEED_SLUG}`)).json()).replyNotifications).toBe(true);
  });

  it('confirms by the email’s page, emails an approved reply with its text and link, and unsubscribes in one click', async () => {
    const smtp = await smtpServer();
    const server = await start({ SMTP_URL: smtp.url, PUBLIC_URL }, { mail: FAST });

    const ann = await post(server, { author: 'Ann', email: 'ann@example.org', body: 'Tell me when someone answers.', notify: true });
    const confirmation = await smtp.waitFor(to('ann@example.org'));
    expect(confirmation.rcptTo).toEqual(['ann@example.org']);
    expect(confirmation.parsed.from?.value).toEqual([{ name: 'Colloquy', address: FROM }]);
    expect(confirmation.parsed.subject).toContain(TITLE);
    expect(confirmation.header('List-Unsubscribe')).toMatch(new RegExp(`^<${PUBLIC_URL}/api/notifications/unsubscribe\\?token=[0-9a-f]{64}>$`));
    expect(confirmation.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(confirmation.parsed.text).toContain(`Unsubscribe: ${PUBLIC_URL}/notifications/unsubscribe?token=`);
    expect(addressesIn(confirmation)).toEqual([FROM, 'ann@example.org'].sort());

    // Not confirmed yet: a reply now is emailed to nobody.
    await post(server, { author: 'Bob', email: 'bob@example.org', body: 'Too early.', parentId: ann.id });
    // Opening the link changes nothing by itself; its page's button confirms.
    const confirmLink = linkIn(confirmation, '/notifications/confirm');
    const page = await server.api(pathOf(confirmLink));
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const confirmed = await submitPage(server, pathOf(confirmLink));
    expect(await confirmed.text()).toContain(`Confirmed: you will get an email when someone replies to your comment on <a href="/articles/${SEED_SLUG}">${TITLE}</a>`);
    // The visible unsubscribe link only asks.
    const unsubscribePage = await (await server.api(pathOf(linkIn(confirmation, '/notifications/unsubscribe')))).text();
    expect(unsubscribePage).toContain(`Stop the emails about replies to your comment on “${TITLE}”?`);
    expect(unsubscribePage).toMatch(/<button type="submit"[^>]*>Unsubscribe<\/button>/);

    // Her own reply is not news to her; Bob's is.
    const sent = smtp.messages.length;
    await post(server, { author: 'Ann', email: 'ANN@example.org', body: 'Replying to myself.', parentId: ann.id });
    const reply = await post(server, { author: 'Bob', email: 'bob@example.org', body: 'Here is **an answer**.\n\nSecond paragraph.', parentId: ann.id });
    const notice = await smtp.waitFor(to('ann@example.org'), { after: sent });
    expect(notice.parsed.subject).toBe(`New reply to your comment on “${TITLE}”`);
    expect(notice.parsed.text).toContain(`Bob replied to your comment on “${TITLE}”:`);
    expect(notice.parsed.text).toContain('> Here is an answer.\n>\n> Second paragraph.');
    const link = `${PUBLIC_URL}/articles/${SEED_SLUG}#comment-${reply.id}`;
    expect(notice.parsed.text).toContain(link);
    // The link leads to the reply: the reader asks for the page holding #comment-ID.
    const holding = await (await server.api(`/api/articles/${SEED_SLUG}/comments?comment=${reply.id}`)).json();
    expect(holding.comments.map((c: { id: number }) => c.id)).toContain(reply.id);
    expect(addressesIn(notice)).toEqual([FROM, 'ann@example.org'].sort());
    expect(notice.raw).not.toContain('bob@example.org');
    // Neither the early reply nor her own was emailed: the confirmation, then Bob's answer.
    expect(smtp.messages.filter(to('ann@example.org'))).toEqual([confirmation, notice]);

    // One click in the mail client: a POST to the header's URL, with RFC 8058's body and no Origin.
    const oneClick = notice.header('List-Unsubscribe')!.slice(1, -1);
    const unsubscribed = await server.api(pathOf(oneClick), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.status).toBe(200);
    expect(notificationResultSchema.parse(await unsubscribed.json())).toEqual({
      status: 'unsubscribed',
      changed: true,
      article: { slug: SEED_SLUG, title: TITLE },
    });

    // After unsubscribing, nothing more: Carol's confirmation (queued after this reply) arrives, nothing for Ann.
    await post(server, { author: 'Dan', email: 'dan@example.org', body: 'Another answer.', parentId: ann.id });
    await post(server, { author: 'Carol', email: 'carol@example.org', body: 'Me too.', notify: true });
    await smtp.waitFor(to('carol@example.org'));
    expect(smtp.messages.filter(to('ann@example.org'))).toHaveLength(2);
  });

  it('answers unknown links clearly, as JSON to the API and as a page to a person', async () => {
    const smtp = await smtpServer();
    const server = await start({ SMTP_URL: smtp.url, PUBLIC_URL }, { mail: FAST });
    const unknown = '0'.repeat(64);
    for (const path of ['/api/notifications/confirm', '/api/notifications/unsubscribe']) {
      const response = await server.api(`${path}?token=${unknown}`, { method: 'POST' });
      expect(response.status).toBe(404);
      expect((await response.json()).error).toMatchObject({ code: 'not_found', message: expect.stringContaining('not valid') });
      const missing = await server.api(path, postJson({}));
      expect(missing.status).toBe(400);
    }
    // The page says so at once, and so does its form if posted all the same.
    const page = await server.api(`/notifications/unsubscribe?token=${unknown}`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('This link is not valid (any more)');
    const posted = await server.api('/notifications/unsubscribe', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: `token=${unknown}`,
    });
    expect(posted.status).toBe(404);
    expect(await posted.text()).toContain('This link is not valid (any more)');
    expect((await server.api('/notifications/confirm')).status).toBe(400);
    // A form posted from another site is refused.
    const crossSite = await server.api('/notifications/confirm', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: `token=${unknown}`,
    });
    expect(crossSite.status).toBe(403);
  });

  it('tells the moderator of each held comment, and emails a reply once it is approved', async () => {
    const smtp = await smtpServer();
    const server = await start(
      { SMTP_URL: smtp.url, PUBLIC_URL, MODERATION: 'on', MODERATOR_EMAIL: 'mod@example.org', ADMIN_TOKEN, MAIL_FROM: 'Site <site@example.net>' },
      { mail: FAST },
    );
    const { posted: ann, confirmation } = await subscribeAndConfirm(server, smtp, { author: 'Ann', email: 'ann@example.org', body: 'Held, but subscribed.' });
    expect(confirmation.parsed.from?.value).toEqual([{ name: 'Site', address: 'site@example.net' }]);
    const held = await smtp.waitFor(to('mod@example.org'));
    expect(held.rcptTo).toEqual(['mod@example.org']);
    expect(held.parsed.subject).toBe(`Comment held for moderation on “${TITLE}”`);
    expect(held.parsed.text).toContain('Author: Ann');
    expect(held.parsed.text).toContain('Held, but subscribed.');
    expect(held.parsed.text).toContain(`${PUBLIC_URL}/admin`);
    expect(held.raw).not.toMatch(/[0-9a-f]{64}/);
    expect(addressesIn(held)).toEqual(['mod@example.org', 'site@example.net']);

    await approve(server, ann.id);
    const sent = smtp.messages.length;
    const reply = await post(server, { author: 'Bob', email: 'bob@example.org', body: 'An answer, held first.', parentId: ann.id });
    // Held: the moderator hears of it, Ann not yet.
    await smtp.waitFor((mail) => to('mod@example.org')(mail) && (mail.parsed.text ?? '').includes('An answer, held first.'), { after: sent });
    expect(smtp.messages.slice(sent).filter(to('ann@example.org'))).toEqual([]);
    await approve(server, reply.id);
    const notice = await smtp.waitFor(to('ann@example.org'), { after: sent });
    expect(notice.parsed.text).toContain('> An answer, held first.');
    expect(addressesIn(notice)).toEqual(['ann@example.org', 'site@example.net']);
  });

  it('queues email while the mail server is down, keeps it across a restart, and sends it when the server is back', async () => {
    const port = await freePort();
    const data = tempDir('colloquy-mail-');
    cleanups.push(() => data.remove());
    const env = { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL };
    const first = await start(env, { mail: FAST, dataDir: data.path });
    // Posting does not wait for the mail server, nor fail with it.
    await post(first, { author: 'Ann', email: 'ann@example.org', body: 'Posted while mail is down.', notify: true });
    await first.close();

    const second = await start(env, { mail: FAST, dataDir: data.path });
    await post(second, { author: 'Bob', email: 'bob@example.org', body: 'Posted after the restart.', notify: true });
    // Both are queued; attempts fail until the mail server listens.
    const store = await openStore({ dataDir: data.path });
    try {
      await until(async () => (await store.listEmails()).every((email) => email.attempts >= 1 && email.lastError !== null));
      const smtp = await smtpServer(port);
      await smtp.waitFor(to('ann@example.org'));
      await smtp.waitFor(to('bob@example.org'));
      await until(async () => (await store.listEmails()).every((email) => email.status === 'sent'));
      const emails = await store.listEmails();
      expect(emails).toHaveLength(2);
      // Sent: the links (their tokens) are not kept.
      for (const email of emails) expect(email.message).toMatchObject({ text: '', headers: {} });
    } finally {
      await store.close();
    }
  });

  it('keeps subscriptions with their state through export --include-emails and import, and only then', async () => {
    const smtp = await smtpServer();
    const source = tempDir('colloquy-mail-source-');
    const target = tempDir('colloquy-mail-target-');
    cleanups.push(() => source.remove(), () => target.remove());
    const first = await start({ SMTP_URL: smtp.url, PUBLIC_URL }, { mail: FAST, dataDir: source.path });
    await subscribeAndConfirm(first, smtp, { author: 'Ann', email: 'ann@example.org', body: 'Moving house with me.' });
    await post(first, { author: 'Carol', email: 'carol@example.org', body: 'Never confirmed.', notify: true });
    await smtp.waitFor(to('carol@example.org'));
    await first.close();

    const from = await openStore({ dataDir: source.path });
    let json: string;
    try {
      const publicExport = JSON.stringify(await exportAll(from, { includeEmails: false }));
      expect(publicExport).not.toContain('subscriptions');
      expect(publicExport).not.toContain('@example.org');
      const doc = await exportAll(from, { includeEmails: true });
      const comments = doc.articles.flatMap((article) => article.comments);
      expect(comments.find((c) => c.author === 'Ann')?.subscriptions).toEqual([
        { email: 'ann@example.org', confirmed: true, createdAt: expect.any(String), confirmedAt: expect.any(String) },
      ]);
      expect(comments.find((c) => c.author === 'Carol')?.subscriptions).toEqual([
        { email: 'carol@example.org', confirmed: false, createdAt: expect.any(String), confirmedAt: null },
      ]);
      json = JSON.stringify(doc);
      // No link token leaves with it.
      expect(json).not.toMatch(/[0-9a-f]{64}/);
    } finally {
      await from.close();
    }

    const into = await openStore({ dataDir: target.path });
    try {
      const secret = await resolveAvatarSecret(into, undefined);
      expect(await importJson(into, parseColloquyExport(json), secret)).toMatchObject({ subscriptionsCreated: 2 });
      // Again: nothing new.
      expect(await importJson(into, parseColloquyExport(json), secret)).toMatchObject({ subscriptionsCreated: 0, commentsCreated: 0 });
    } finally {
      await into.close();
    }

    // The confirmed one works on the new site; the unconfirmed one still waits.
    const moved = await start({ SMTP_URL: smtp.url, PUBLIC_URL }, { mail: FAST, dataDir: target.path });
    const page = await (await moved.api(`/api/articles/${SEED_SLUG}/comments`)).json();
    const byAuthor = (name: string) => page.comments.find((c: { author: string }) => c.author === name).id as number;
    const sent = smtp.messages.length;
    await post(moved, { author: 'Bob', email: 'bob@example.org', body: 'Found you again.', parentId: byAuthor('Carol') });
    await post(moved, { author: 'Bob', email: 'bob@example.org', body: 'Welcome to the new site.', parentId: byAuthor('Ann') });
    const notice = await smtp.waitFor(to('ann@example.org'), { after: sent });
    expect(notice.parsed.text).toContain('> Welcome to the new site.');
    expect((await submitPage(moved, pathOf(linkIn(notice, '/notifications/unsubscribe')))).status).toBe(200);
    expect(smtp.messages.slice(sent).filter(to('carol@example.org'))).toEqual([]);
  });
});

/** Polls until the condition holds (the test's timeout is the limit). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('reply notifications on PostgreSQL, two instances sharing the queue', () => {
  let cluster: TestPostgres;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('subscribes, confirms and notifies across instances, each email sent once', async () => {
    const smtp = await smtpServer();
    const env = { SMTP_URL: smtp.url, PUBLIC_URL, DATABASE_URL: cluster.url };
    const a = await start(env, { mail: FAST });
    const b = await start(env, { mail: FAST });
    const { posted: ann } = await subscribeAndConfirm(a, smtp, { author: 'Ann', email: 'ann@example.org', body: 'On PostgreSQL.' });
    const replies = 6;
    for (let i = 0; i < replies; i += 1) {
      await post(i % 2 ? a : b, { author: `Replier ${i}`, email: `r${i}@example.org`, body: `Answer number ${i}.`, parentId: ann.id });
    }
    for (let i = 0; i < replies; i += 1) await smtp.waitFor((mail) => to('ann@example.org')(mail) && (mail.parsed.text ?? '').includes(`Answer number ${i}.`));
    // Wait for every queued email to be done, then count: none went twice.
    const store = await openStore({ databaseUrl: cluster.url, dataDir: '' });
    try {
      await until(async () => (await store.listEmails()).every((email) => email.status === 'sent'));
    } finally {
      await store.close();
    }
    const toAnn = smtp.messages.filter(to('ann@example.org'));
    expect(toAnn).toHaveLength(1 + replies);
  });
});
