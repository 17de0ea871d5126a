// The real comment server on SQLite: server-rendered HTML, replies stored in
// the database across a real restart, and no mock anywhere in the page.
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/browser';
import {
  ARTICLE_PATH,
  commentAnchor,
  commentAnchors,
  commentIdByAuthor,
  commentItem,
  FIRST,
  formFields,
  matchingParagraphs,
  normalizeHtmlText,
  parentCommentId,
  seed,
  TITLE,
  unique,
  waitForReader,
} from './support/colloquy';
import { useRealServer } from './support/real-server';

const harness = useBrowser();
const server = useRealServer();

/** Visible text of server HTML, decoded just enough to compare with the seed. */
function htmlText(html: string): string {
  const text = html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
      if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return named[e.toLowerCase()];
    });
  return normalizeHtmlText(text);
}

describe('the real server', () => {
  test('the reader HTML from the server already contains the article', async () => {
    const res = await fetch(server.url + ARTICLE_PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    const h1 = html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/i);
    expect(h1, 'the HTML has an <h1>').not.toBeNull();
    expect(htmlText(h1![1])).toBe(TITLE);
    // Decoded, with U+00A0 intact: the server must not turn them into plain spaces.
    expect(htmlText(html)).toContain(normalizeHtmlText(seed.article.paragraphs[0]));
  });

  test('the server HTML contains the comment thread too (the server passes the comments to render)', async () => {
    const html = await (await fetch(server.url + ARTICLE_PATH)).text();
    const text = htmlText(html);
    for (const comment of seed.comments) {
      expect(text, `the server HTML shows the comment by ${comment.author}`).toContain(
        normalizeHtmlText(comment.body.split(/\n\s*\n/)[0]),
      );
    }
    expect(html).toMatch(/id="comment-\d+"/);
  });

  test('without JavaScript the reader still shows the article', async () => {
    const { page } = await harness.newPage({ javaScriptEnabled: false });
    await page.goto(server.url + ARTICLE_PATH);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const article = page.locator('article').filter({ has: page.getByRole('heading', { level: 1, name: TITLE }) }).first();
    expect(await matchingParagraphs(article, seed.article.paragraphs)).toEqual(seed.article.paragraphs.map(normalizeHtmlText));
  });

  test('a reply in place is stored: still nested in comment 1 after the server restarts', async () => {
    const t = await harness.newPage();
    const { page } = t;
    await page.goto(server.url + ARTICLE_PATH);
    await waitForReader(page);
    const firstId = await commentIdByAuthor(page, FIRST.author);
    const item = commentItem(page, firstId);

    await page.getByRole('button', { name: `Reply to ${FIRST.author}`, exact: true }).click();
    await item.getByRole('heading', { name: `Reply to ${FIRST.author}` }).waitFor();
    const text = unique('Stored in SQLite');
    const form = formFields(item);
    await form.name.fill('Sam Server');
    await form.email.fill('sam@example.com');
    await form.comment.fill(text);
    const known = (await commentAnchors(page)).map((c) => c.id);
    await form.submit.click();

    let replyId: number | undefined;
    await expect
      .poll(
        async () => {
          const found = (await commentAnchors(page)).filter((c) => c.text.includes(text) && !known.includes(c.id));
          replyId = found[0]?.id;
          return { found: found.length, pending: await page.getByText('Posting…').count() };
        },
        { timeout: 10_000, message: 'the reply appears with its real ID' },
      )
      .toEqual({ found: 1, pending: 0 });
    expect(await parentCommentId(page, replyId!)).toBe(firstId);

    // The open page's live stream drops with the server and may try to reconnect while it is down:
    // the browser logs that refused request, and only that one may show.
    t.allowConsoleError(/Failed to load resource: net::ERR_CONNECTION_REFUSED \(\S+\/events:/);
    await server.restart();
    await page.reload();
    await waitForReader(page);
    await commentAnchor(page, replyId!).waitFor();
    expect(await parentCommentId(page, replyId!), 'after a restart the reply is still nested in comment 1').toBe(firstId);

    // And the API, read straight from the restarted server, has it under comment 1.
    const api = (await (await fetch(`${server.url}/api${ARTICLE_PATH}/comments`)).json()) as {
      comments: { id: number; parentId: number | null; content: unknown }[];
    };
    expect(api.comments.find((c) => c.id === replyId)).toMatchObject({ parentId: firstId, content: [{ t: 'p', c: [text] }] });

    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length),
      'no (MSW) service worker is registered',
    ).toBe(0);
    expect(t.problems(), 'no console errors (a CSP violation would show here)').toEqual([]);
  });

  test('an unknown slug is a 404 with a not-found page', async () => {
    const res = await fetch(server.url + '/articles/there-is-no-such-article');
    expect(res.status).toBe(404);
    expect(htmlText(await res.text())).toMatch(/not found/i);
    const t = await harness.newPage();
    t.allowConsoleError(/Failed to load resource: .*404/);
    await t.page.goto(server.url + '/articles/there-is-no-such-article');
    await t.page.getByText(/not found/i).first().waitFor();
  });

  test('the front page from the server lists the article and has no service worker', async () => {
    const { page } = await harness.newPage();
    await page.goto(server.url + '/');
    await page.getByRole('link', { name: TITLE, exact: true }).click();
    await waitForReader(page);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
    const worker = await fetch(server.url + '/mockServiceWorker.js');
    expect(await worker.text(), 'the server does not serve the MSW worker script').not.toContain('Mock Service Worker');
  });
});
