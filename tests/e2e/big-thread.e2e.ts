// A 10,000-comment discussion (the benchmark's seeded generator) on the real
// server, in Chromium: delivered a page of threads at a time, yet every comment
// is reachable, as HTML without JavaScript (crawlable ?comments-page=N links)
// and by permalink deep in the thread with JavaScript.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_THREADS_PER_PAGE } from '../../src/contract/paging';
import { importJson } from '../../src/server/cli/import-json';
import { openStore } from '../../src/server/db/kysely-store';
import { generateThread } from '../support/thread-generator';
import { useBrowser } from './support/browser';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './support/colloquy';
import { startRealServer, type RealServer } from './support/real-server';

const SLUG = 'ten-thousand-comments';
const PATH = `/articles/${SLUG}`;
const COMMENTS = 10_000;
const thread = generateThread({ comments: COMMENTS, seed: 2026, slug: SLUG, title: 'Ten Thousand Comments' });

const harness = useBrowser();
let server: RealServer;
/** The imported comments' ids as the server numbered them, in the generator's order. */
let ids: number[] = [];

beforeAll(async () => {
  server = await startRealServer();
  // Imported beside the running server, as `npm run import` would (a second connection to its database).
  const store = await openStore({ dataDir: server.dataDir });
  try {
    await importJson(store, thread);
    const article = await store.findArticle(SLUG);
    ids = (await store.listComments(article!.id)).map((c) => c.id);
  } finally {
    await store.close();
  }
}, 300_000);
afterAll(async () => {
  await server?.close();
});

/** Waits for the article, and for the form, which loads after the page is interactive. */
async function waitForReader(page: Page) {
  await page.getByRole('heading', { level: 1, name: 'Ten Thousand Comments' }).waitFor();
  await page.getByRole('button', { name: 'Post Comment', exact: true }).last().waitFor();
}

/** The ids of the comments a page of server HTML carries. */
const idsIn = (html: string) => [...html.matchAll(/<article id="comment-(\d+)"/g)].map((m) => Number(m[1]));

describe('a 10,000-comment discussion', () => {
  test('without JavaScript, following "Show more comments" from page to page reaches every comment exactly once', async () => {
    expect(ids).toHaveLength(COMMENTS);
    const seen: number[] = [];
    let next: string | undefined = PATH;
    let pages = 0;
    while (next) {
      const response: Response = await fetch(new URL(next, server.url));
      expect(response.status, next).toBe(200);
      const html: string = await response.text();
      seen.push(...idsIn(html));
      pages++;
      next = /<a href="([^"]+)" rel="next">Show more comments<\/a>/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    }
    expect(pages).toBe(Math.ceil(thread.articles[0].comments.filter((c) => c.parentId === null).length / DEFAULT_THREADS_PER_PAGE));
    expect(seen.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  }, 120_000);

  test('each page is a real page: nested lists, links both ways, and a 404 for a page that does not exist', async () => {
    const t = await harness.newPage({ javaScriptEnabled: false });
    await t.page.goto(`${server.url}${PATH}?comments-page=2`);
    const threads = t.page.locator('#comments ol.comment-list:not(.children) > li');
    expect(await threads.count()).toBe(DEFAULT_THREADS_PER_PAGE);
    expect(await t.page.locator('#comments ol.children').count()).toBeGreaterThan(0);
    await t.page.getByRole('link', { name: 'Show earlier comments' }).click();
    await t.page.waitForURL(`${server.url}${PATH}#comments`);
    expect(await t.page.getByRole('link', { name: 'Show earlier comments' }).count()).toBe(0);
    expect(await t.page.getByRole('link', { name: 'Show more comments' }).getAttribute('href')).toBe(`${PATH}?comments-page=2#comments`);

    t.allowConsoleError(/status of 404 \(Not Found\)/);
    for (const query of ['?comments-page=999', '?comments-page=abc', '?comments-page=0']) {
      const response = await t.page.goto(`${server.url}${PATH}${query}`);
      expect(response?.status(), query).toBe(404);
      await t.page.getByText('There is no such page of comments.').waitFor();
    }
  });

  test('a permalink to the very last comment lands on it, highlighted, and the address names its page', async () => {
    const t = await harness.newPage();
    const last = ids[ids.length - 1];
    await t.page.goto(`${server.url}${PATH}#comment-${last}`);
    await waitForReader(t.page);
    const target = t.page.locator(`#comment-${last}`);
    await expect.poll(() => target.getAttribute('class'), { timeout: 15_000 }).toMatch(/is-highlighted/);
    await expect.poll(() => target.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight;
    })).toBe(true);
    expect(new URL(t.page.url()).search).toMatch(/^\?comments-page=\d+$/);
    expect(new URL(t.page.url()).hash).toBe(`#comment-${last}`);
  });

  test('"Show more comments" adds the next page in place, moves focus to its first comment, and axe finds nothing', async () => {
    const t = await harness.newPage();
    await t.page.goto(`${server.url}${PATH}`);
    await waitForReader(t.page);
    const threads = t.page.locator('#comments ol.comment-list:not(.children) > li');
    expect(await threads.count()).toBe(DEFAULT_THREADS_PER_PAGE);
    await expectNoAxeViolations(t.page, 'page 1 of a 10,000-comment discussion');
    await t.page.getByRole('link', { name: 'Show more comments' }).click();
    await expect.poll(() => threads.count()).toBe(2 * DEFAULT_THREADS_PER_PAGE);
    const focused = await t.page.evaluate(() => document.activeElement?.id);
    expect(focused).toMatch(/^comment-\d+$/);
    // The first comment of page 2, now the 51st thread.
    expect(await threads.nth(DEFAULT_THREADS_PER_PAGE).locator('article').first().getAttribute('id')).toBe(focused);
    // Still one list for screen readers, counting every thread shown.
    expect(await t.page.locator('#comments ol.comment-list:not(.children)').count()).toBe(1);
  });
});
