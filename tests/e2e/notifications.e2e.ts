// Reply notifications as a reader meets them, in Chromium against the real server and a
// real SMTP server: the box ticked in the form, the confirmation email's link opened and its
// button pressed (a browser's own form POST, with the Origin and referrer rules it really
// applies), a reply's email, and the unsubscribe page. axe-clean pages throughout.
import { afterAll, expect, test } from 'vitest';
import { startSmtp } from '../support/smtp';
import { useBrowser } from './support/browser';
import { ARTICLE_PATH, bottomForm, expectNoAxeViolations, SLUG, waitForReader } from './support/colloquy';
import { useRealServer } from './support/real-server';

const smtp = await startSmtp();
afterAll(() => smtp.close());
const harness = useBrowser();
const server = useRealServer({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://127.0.0.1:0' } });

/** The first link in a message's text with this path, made relative to the server under test. */
function linkIn(text: string | undefined, path: string): string {
  const found = new RegExp(`https?://[^\\s]+${path}\\?token=[\\w-]+`).exec(text ?? '');
  expect(found, text).not.toBeNull();
  const url = new URL(found![0]);
  return `${server.url}${url.pathname}${url.search}`;
}

test('ticking "Notify me…", confirming from the email in the browser, then a reply is emailed with a working unsubscribe page', async () => {
  const { page, problems } = await harness.newPage();
  await page.goto(`${server.url}${ARTICLE_PATH}`);
  await waitForReader(page);
  const form = bottomForm(page);
  await form.name.fill('Ana Reader');
  await form.email.fill('ana@example.org');
  await form.comment.fill('Who is following this up?');
  const notify = page.getByRole('checkbox', { name: 'Notify me of follow-up replies via email' });
  await expect(notify.isChecked()).resolves.toBe(false);
  await notify.check();
  await form.submit.click();
  await page.getByText(/Please check your inbox/).first().waitFor();

  const confirmation = await smtp.waitFor((mail) => mail.rcptTo.includes('ana@example.org'));
  await page.goto(linkIn(confirmation.parsed.text, '/notifications/confirm'));
  await page.getByRole('heading', { level: 1, name: 'Confirm email notifications' }).waitFor();
  await expectNoAxeViolations(page, 'the confirmation page');
  await page.getByRole('button', { name: 'Yes, email me replies' }).click();
  await page.getByText(/^Confirmed: you will get an email/).waitFor();

  // A reply by someone else, through the API as any client posts.
  const list = (await (await fetch(`${server.url}/api/articles/${SLUG}/comments`)).json()) as { comments: Array<{ id: number; author: string }> };
  const ana = list.comments.find((comment) => comment.author === 'Ana Reader')!;
  const reply = await fetch(`${server.url}/api/articles/${SLUG}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ parentId: ana.id, author: 'Bo Replier', email: 'bo@example.org', body: 'I am, Ana.' }),
  });
  expect(reply.status).toBe(201);
  const replyMail = await smtp.waitFor((mail) => mail.rcptTo.includes('ana@example.org') && /New reply/.test(mail.parsed.subject ?? ''));
  expect(replyMail.parsed.text).toContain('I am, Ana.');
  expect(replyMail.raw).not.toContain('bo@example.org');

  await page.goto(linkIn(replyMail.parsed.text, '/notifications/unsubscribe'));
  await expectNoAxeViolations(page, 'the unsubscribe page');
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await page.getByText(/^Unsubscribed: you will get no more emails/).waitFor();
  expect(problems()).toEqual([]);
});
