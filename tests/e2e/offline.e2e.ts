// Posting without a connection, in Chromium against the real server: the page
// stays, the form says what happens, and the outbox sends each comment exactly
// once, whether the connection returns with the tab open, after the tab was
// closed ("Not sent yet"), or with two tabs open on the article.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useBrowser, type TestPage } from './support/browser';
import {
  ARTICLE_PATH,
  bottomForm,
  commentAnchors,
  expectNoAxeViolations,
  normalizeHtmlText,
  TITLE,
  unique,
  waitForReader,
} from './support/colloquy';
import { SCREENSHOT_DIR } from './support/paths';
import { useRealServer } from './support/real-server';

const harness = useBrowser();
const server = useRealServer();

const OFFLINE_NOTE = 'You are offline. Your comment is kept in this browser and will be sent when the connection returns.';
const UNREACHABLE_NOTE = /We could not reach the server\. Your comment is kept in this browser and will be sent when the connection returns\./;
/** What Chromium logs for each request made while the server is stopped. */
const CONNECTION_REFUSED = /Failed to load resource: net::ERR_CONNECTION_REFUSED/;

/** How many stored comments contain `text`, read straight from the server's API. */
async function storedCount(text: string): Promise<number> {
  const res = await fetch(`${server.url}/api${ARTICLE_PATH}/comments`);
  const { comments } = (await res.json()) as { comments: { content: unknown }[] };
  return comments.filter((c) => JSON.stringify(c.content).includes(text)).length;
}

/** The Idempotency-Key of every comment POST the page makes (sent or failed). */
function recordPosts(page: Page, into: string[] = []): string[] {
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/comments')) into.push(request.headers()['idempotency-key'] ?? '(none)');
  });
  return into;
}

/** A second page of the test's context, whose errors fail the test as the first page's do. */
async function anotherPage(t: TestPage, context: BrowserContext = t.context): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { page, problems };
}

async function openArticle(page: Page): Promise<void> {
  await page.goto(server.url + ARTICLE_PATH);
  await waitForReader(page);
}

async function fillBottomForm(page: Page, name: string, text: string) {
  const form = bottomForm(page);
  await form.name.fill(name);
  await form.email.fill(`${name.toLowerCase().replace(/\W+/g, '.')}@example.com`);
  await form.comment.fill(text);
  return form;
}

/** The form element itself (bottomForm gives its fields). */
const bottomFormElement = (page: Page) =>
  page.locator('form').filter({ has: page.getByRole('button', { name: 'Post Comment', exact: true }) }).last();

/** Waits until `text` is in the thread with its real ID, nothing left pending; gives that ID. */
async function waitForStored(page: Page, text: string, timeout = 10_000): Promise<number> {
  let id: number | undefined;
  await expect
    .poll(
      async () => {
        const found = (await commentAnchors(page)).filter((c) => c.text.includes(text));
        id = found[0]?.id;
        const pending = (await page.getByText('Posting…').count()) + (await page.getByText('Waiting for a connection…').count());
        return { found: found.length, pending };
      },
      { timeout, message: `"${text}" appears in the thread with its real ID` },
    )
    .toEqual({ found: 1, pending: 0 });
  return id!;
}

/** The "Not sent yet" offer holding `text`. */
const offerFor = (page: Page, text: string) => page.locator('article').filter({ hasText: 'Not sent yet' }).filter({ hasText: text });

/** Posts `text` from the bottom form while the context is offline and waits for the form to say so. */
async function postOffline(page: Page, context: BrowserContext, name: string, text: string) {
  const form = await fillBottomForm(page, name, text);
  await context.setOffline(true);
  await form.submit.click();
  await bottomFormElement(page).getByText(OFFLINE_NOTE).waitFor();
  return form;
}

describe('posting without a connection', () => {
  test('(a) with the server down, the article and the form stay, the form says so, and the comment is sent once it is back', async () => {
    const t = await harness.newPage();
    const { page } = t;
    t.allowConsoleError(CONNECTION_REFUSED);
    const posts = recordPosts(page);
    await openArticle(page);
    const text = unique('Server down');
    const form = await fillBottomForm(page, 'Dora Down', text);

    await server.stop();
    try {
      await form.submit.click();
      // In the form, at once: not after seconds, and not as a page-wide error.
      await bottomFormElement(page).getByText(UNREACHABLE_NOTE).waitFor({ timeout: 3_000 });
      await page.getByText('Waiting for a connection…').waitFor();
      // Long enough for any refetch and its retries to have failed (the old bug replaced the page after about 3 s).
      await page.waitForTimeout(4_500);
      expect(await page.getByRole('heading', { level: 1, name: TITLE }).isVisible()).toBe(true);
      expect(await page.getByText('We could not load this article.').count()).toBe(0);
      expect(await page.getByText('We could not load the comments.').count()).toBe(0);
      expect(await bottomFormElement(page).getByText(UNREACHABLE_NOTE).isVisible()).toBe(true);
      expect(await form.comment.inputValue()).toBe(text);
      expect(await page.getByText('Waiting for a connection…').count()).toBe(1);
    } finally {
      await server.start();
    }

    // No "online" event comes for a server that is back: the outbox looks again by itself (5 s, then 10 s).
    await waitForStored(page, text, 30_000);
    expect(await storedCount(text)).toBe(1);
    expect(new Set(posts).size, 'every attempt carried the same Idempotency-Key').toBe(1);
    expect(await form.comment.inputValue()).toBe('');
  });

  test('(b) offline: the form says so at once, and the comment is stored exactly once when the connection returns', async () => {
    const t = await harness.newPage();
    const { page, context } = t;
    const posts = recordPosts(page);
    await openArticle(page);
    const text = unique('Offline');
    const form = await postOffline(page, context, 'Olga Offline', text);

    const pending = page.locator('article').filter({ hasText: 'Waiting for a connection…' });
    expect(normalizeHtmlText((await pending.textContent()) ?? '')).toContain(text);
    expect(await form.comment.inputValue()).toBe(text);
    expect(await form.comment.getAttribute('readonly')).not.toBeNull();
    // Said to screen readers too, through the thread's polite status region.
    await expect.poll(() => page.locator('#comments [role="status"]').textContent()).toContain(OFFLINE_NOTE);
    await expectNoAxeViolations(page, 'a comment waiting for the connection');
    expect(posts, 'nothing is sent while offline').toEqual([]);
    expect(await storedCount(text)).toBe(0);

    await context.setOffline(false);
    await waitForStored(page, text);
    expect(await storedCount(text)).toBe(1);
    expect(posts).toHaveLength(1);
    expect(await bottomFormElement(page).getByText(OFFLINE_NOTE).count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('colloquy:outbox:')))).toEqual([]);
  });

  test('(c) posted offline and the tab closed: the next visit offers "Not sent yet", and Send now stores it once', async () => {
    const t = await harness.newPage();
    const { page, context } = t;
    const posts = recordPosts(page);
    await openArticle(page);
    const text = unique('Closed tab');
    await postOffline(page, context, 'Cleo Closed', text);
    await page.close();
    await context.setOffline(false);

    const next = await anotherPage(t);
    recordPosts(next.page, posts);
    await openArticle(next.page);
    const offer = offerFor(next.page, text);
    await offer.waitFor();
    for (const name of ['Send now', 'Edit', 'Discard']) expect(await offer.getByRole('button', { name, exact: true }).isEnabled()).toBe(true);
    // Offered there, and not put back into the form as well.
    expect(await bottomForm(next.page).comment.inputValue()).toBe('');
    await expectNoAxeViolations(next.page, 'the "Not sent yet" offer');
    expect(posts, 'nothing was sent before the reader chose to').toEqual([]);
    expect(await storedCount(text)).toBe(0);

    await offer.getByRole('button', { name: 'Send now', exact: true }).click();
    await waitForStored(next.page, text);
    expect(await offer.count()).toBe(0);
    expect(await storedCount(text)).toBe(1);
    expect(posts).toHaveLength(1);
    expect(next.problems).toEqual([]);
  });

  test('(d) two tabs open when the connection returns: the comment is stored once, sent by one tab only', async () => {
    const t = await harness.newPage();
    const { page, context } = t;
    const other = await anotherPage(t);
    const posts = recordPosts(page);
    recordPosts(other.page, posts);
    await openArticle(page);
    await openArticle(other.page);
    const text = unique('Two tabs');
    await postOffline(page, context, 'Tess Tabs', text);

    // The other tab knows the first one is on it: no offer there.
    await other.page.waitForTimeout(500);
    expect(await offerFor(other.page, text).count()).toBe(0);

    await context.setOffline(false);
    await waitForStored(page, text);
    // Give the other tab every chance to send it as well.
    await other.page.waitForTimeout(1_500);
    expect(posts).toHaveLength(1);
    expect(await storedCount(text)).toBe(1);
    expect(await offerFor(other.page, text).count()).toBe(0);
    expect(other.problems).toEqual([]);
  });

  test('(d) two tabs offering the same unsent comment, Send now in both at once: one request, one comment', async () => {
    const t = await harness.newPage();
    const { page, context } = t;
    await openArticle(page);
    const text = unique('Offered twice');
    await postOffline(page, context, 'Otto Offered', text);
    await page.close();
    await context.setOffline(false);

    const one = await anotherPage(t);
    const two = await anotherPage(t);
    const posts = recordPosts(one.page);
    recordPosts(two.page, posts);
    await Promise.all([openArticle(one.page), openArticle(two.page)]);
    await Promise.all([offerFor(one.page, text).waitFor(), offerFor(two.page, text).waitFor()]);

    // Clicked at the same moment in both, through the DOM at an agreed time: a locator click
    // would wait for an offer that, rightly, goes from one tab once the other has claimed it.
    const at = Date.now() + 500;
    const clickSendNow = (target: Page) =>
      target.evaluate(
        async ([wanted, when]) => {
          const offer = [...document.querySelectorAll('article')].find(
            (a) => a.textContent?.includes('Not sent yet') && a.textContent.includes(wanted),
          );
          const button = [...(offer?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Send now');
          await new Promise((resolve) => setTimeout(resolve, when - Date.now()));
          button?.click();
          return button !== undefined;
        },
        [text, at] as const,
      );
    const clicked = await Promise.all([clickSendNow(one.page), clickSendNow(two.page)]);
    expect(clicked, 'both offers were there to click').toEqual([true, true]);
    await expect.poll(() => storedCount(text), { timeout: 10_000 }).toBe(1);
    // Both tabs settle: the offer is gone from each once the comment is stored.
    await expect.poll(async () => (await offerFor(one.page, text).count()) + (await offerFor(two.page, text).count())).toBe(0);
    expect(posts).toHaveLength(1);
    expect(await storedCount(text)).toBe(1);
    expect([...one.problems, ...two.problems]).toEqual([]);
  });

  test('screenshots: the offline notice and the "Not sent yet" offer, desktop and 360 px', async () => {
    for (const [label, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['360', { width: 360, height: 780 }],
    ] as const) {
      const t = await harness.newPage({ viewport });
      const { page, context } = t;
      await openArticle(page);
      const text = unique('Written on a train, with no signal');
      await postOffline(page, context, 'Olga Offline', text);
      await bottomFormElement(page).getByText(OFFLINE_NOTE).scrollIntoViewIfNeeded();
      await page.locator('article').filter({ hasText: 'Waiting for a connection…' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, `offline-waiting-${label}.png`) });
      await bottomFormElement(page).screenshot({ path: join(SCREENSHOT_DIR, `offline-form-${label}.png`) });
      await page.close();
      await context.setOffline(false);

      const next = await anotherPage(t);
      await openArticle(next.page);
      const offer = offerFor(next.page, text);
      await offer.scrollIntoViewIfNeeded();
      await next.page.screenshot({ path: join(SCREENSHOT_DIR, `offline-not-sent-yet-${label}.png`) });
      expect(
        await next.page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth),
        `${label}: no sideways scrolling`,
      ).toBe(false);
    }
  });
});
