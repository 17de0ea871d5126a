// Content no one here wrote: the WordPress Theme Unit Test data, imported with the
// real CLI into the real server's data directory, read in Chromium at 1280 px and
// 360 px. Each page must fit its width (long words, wide tables, code, images and
// deep threads included) and show what WordPress would: nested list numbering,
// code, quotes, tables, images with their alt text, plain-text titles, defined
// excerpts, closed comments and the article author's badge.
//
// MEDIA_ORIGINS is not set, so the CSP blocks the images on
// wpthemetestdata.files.wordpress.com (decision 0008): those are the only console
// errors allowed, matched precisely; any other fails the test.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { articleListSchema } from '../../src/contract/schemas';
import { useBrowser, type TestPage } from './support/browser';
import { expectNoAxeViolations, normalizeHtmlText } from './support/colloquy';
import { ROOT } from './support/paths';
import { startRealServer, type RealServer } from './support/real-server';
import { waitForQuietNetwork } from '../support/quiet-network';

const FIXTURE = resolve(ROOT, 'tests/fixtures/themeunittestdata.wordpress.xml');
const MEDIA_HOST = 'https://wpthemetestdata.files.wordpress.com/';
/** What Chromium logs for each image the policy blocks: nothing else is let through. */
const BLOCKED_IMAGE =
  /^console\.error: Loading the image 'https:\/\/wpthemetestdata\.files\.wordpress\.com\/[^']+' violates the following Content Security Policy directive: "img-src [^"]*"\. The action has been blocked\./;

const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 360, height: 740 },
] as const;

const harness = useBrowser();
let server: RealServer;
let importOutput = '';

beforeAll(async () => {
  server = await startRealServer();
  // As a site owner does it: `npm run import -- FILE` into the server's DATA_DIR, then (re)start.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: server.dataDir, NODE_ENV: 'production' };
  delete env.DATABASE_URL;
  delete env.MEDIA_ORIGINS;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/server/cli/import-wxr.ts', FIXTURE], {
    cwd: ROOT,
    env,
  });
  importOutput = stdout;
  await server.restart();
});
afterAll(async () => {
  await server?.close();
});

const articlePath = (slug: string) => `/articles/${encodeURIComponent(slug)}`;

/** A page of this site, with the blocked-image errors (and only those) allowed. */
async function open(path: string, options: BrowserContextOptions = {}): Promise<TestPage & { status: number | undefined; blockedImages: string[] }> {
  const t = await harness.newPage(options);
  t.allowConsoleError(BLOCKED_IMAGE);
  const blockedImages: string[] = [];
  t.page.on('console', (msg) => {
    const match = /^Loading the image '([^']+)' violates the following Content Security Policy/.exec(msg.text());
    if (msg.type() === 'error' && match) blockedImages.push(match[1]);
  });
  const response = await t.page.goto(server.url + path);
  return { ...t, status: response?.status(), blockedImages };
}

/** The article, found by its accessible name (its h1). */
const articleNamed = (page: Page, title: string) => page.getByRole('article', { name: title, exact: true });

/** Waits for the article and the end of its comment section (the form, or "Comments are closed."). */
async function waitForArticle(page: Page, title: string): Promise<Locator> {
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
  await page
    .getByRole('button', { name: 'Post Comment', exact: true })
    .or(page.getByText('Comments are closed.', { exact: true }))
    .first()
    .waitFor();
  // Lazy chunks and hydration finish before the page is measured (the live stream stays open).
  await waitForQuietNetwork(page);
  return articleNamed(page, title);
}

/** Waits for the front page's list; returns the main region. */
async function waitForFrontPage(page: Page): Promise<Locator> {
  await page.getByRole('heading', { level: 1, name: 'Latest articles' }).waitFor();
  await waitForQuietNetwork(page);
  return page.getByRole('main');
}

/**
 * Everything that is wider than where it sits: the page scrolling sideways, headings
 * whose text is cut off, and any element in an article or comment body reaching past
 * that body's edges, except inside the boxes that scroll on their own (tables, pre).
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px viewport`);
    const describe = (el: Element) =>
      `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    for (const heading of document.querySelectorAll('h1, h2, h3')) {
      if (heading.scrollWidth > heading.clientWidth + 1) problems.push(`${describe(heading)} overflows: ${heading.scrollWidth} > ${heading.clientWidth}`);
    }
    for (const body of document.querySelectorAll('.article-body, .comment-body')) {
      const column = body.getBoundingClientRect();
      for (const el of body.querySelectorAll('*')) {
        const scrollBox = el.parentElement?.closest('pre, .table-scroll');
        if (scrollBox && body.contains(scrollBox)) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (box.left < column.left - 0.5 || box.right > column.right + 0.5) {
          problems.push(
            `${describe(el)} spans ${Math.round(box.left)}–${Math.round(box.right)} px, outside its column ${Math.round(column.left)}–${Math.round(column.right)} px`,
          );
        }
      }
    }
    return problems;
  });
}

/** A list as a shape: `ol[li, li ul[li, li]]` (each item with the lists nested in it). */
const listShapes = (article: Locator) =>
  article.locator('.article-body > :is(ul, ol)').evaluateAll((lists) => {
    const shape = (list: Element): string =>
      `${list.tagName.toLowerCase()}[${Array.from(list.children)
        .map((li) => ['li', ...Array.from(li.children).filter((c) => c.matches('ul, ol')).map(shape)].join(' '))
        .join(', ')}]`;
    return lists.map(shape);
  });

const text = async (locator: Locator) => normalizeHtmlText((await locator.textContent()) ?? '');

const DEFINED_EXCERPT =
  'This is a user-defined post excerpt. It should be displayed in place of the post content in archive-index pages. It can be longer than the automatically generated excerpts, and can have HTML tags.';

async function expectCommentsClosed(page: Page): Promise<void> {
  await page.getByText('Comments are closed.', { exact: true }).waitFor();
  expect(await page.getByRole('form').count(), 'no comment form on a closed article').toBe(0);
  expect(await page.getByRole('textbox').count()).toBe(0);
  expect(await page.getByRole('button', { name: /^(Post Comment|Reply)/ }).count(), 'no Post Comment or Reply button').toBe(0);
}

interface Scene {
  name: string;
  path: string;
  /** The page's h1 (null for the front page). */
  title: string | null;
  /** What must be true of the rendered page, at every width. */
  check(page: Page, article: Locator, width: number): Promise<void>;
}

const SCENES: Scene[] = [
  {
    name: 'the front page: plain-text titles, the defined excerpt, no password-protected post',
    path: '/',
    title: null,
    async check(page) {
      const entry = page.getByRole('article', { name: 'Template: Excerpt (Defined)', exact: true });
      expect(await text(entry.locator('.excerpt'))).toBe(DEFINED_EXCERPT);
      await page.getByRole('link', { name: 'Markup: Title With Markup', exact: true }).waitFor();
      expect(await page.getByRole('link', { name: /Password Protected/ }).count()).toBe(0);
      // The 77 imported posts and pages but the hidden one, and the demo article.
      expect(await page.getByRole('heading', { level: 2 }).count()).toBe(77);
      const greek = page.getByRole('link', { name: 'Επίπεδο 2 -Second Greek level', exact: true });
      expect(decodeURIComponent((await greek.getAttribute('href')) ?? '')).toBe('/articles/επίπεδο-2');
    },
  },
  {
    name: 'Edge Case: Nested And Mixed Lists',
    path: articlePath('edge-case-nested-and-mixed-lists'),
    title: 'Edge Case: Nested And Mixed Lists',
    async check(page, article) {
      expect(await listShapes(article)).toEqual([
        'ul[li, li]',
        'ol[li, li ul[li, li ol[li, li]], li, li]',
        'ol[li, li ul[li, li ul[li, li]], li, li]',
        'ul[li, li ol[li, li ul[li, li]], li, li]',
        'ul[li, li ul[li, li ol[li, li]], li, li]',
      ]);
      expect(await article.getByRole('list').count()).toBe(13);
      expect(await article.getByRole('listitem').count()).toBe(34);
      // Numbered by the lists themselves: no start or value, and no "2. 4. 6." typed into the text.
      expect(await article.locator('ol[start], li[value]').count()).toBe(0);
      const items = await article.getByRole('listitem').allTextContents();
      expect(items.filter((item) => /^\s*\d+\./.test(item))).toEqual([]);
      expect(await text(article)).not.toMatch(/\b2\.\s*4\.\s*6\./);
      await expectCommentsClosed(page);
    },
  },
  {
    name: 'Markup: HTML Tags and Formatting',
    path: articlePath('markup-html-tags-and-formatting'),
    title: 'Markup: HTML Tags and Formatting',
    async check(page, article) {
      // The post's h1–h6 become h2–h6 under the title, the page's only h1.
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      for (const [level, name] of [
        [2, 'Header one'],
        [3, 'Header two'],
        [4, 'Header three'],
        [5, 'Header four'],
        [6, 'Header five'],
        [6, 'Header six'],
      ] as const) {
        await article.getByRole('heading', { level, name, exact: true }).waitFor();
      }

      const code = article.getByText('<blockquote>', { exact: true });
      expect(await code.evaluate((el) => el.tagName)).toBe('CODE');

      const cited = article.getByRole('blockquote').filter({ hasText: 'indicates that the enclosed text is an extended quotation' });
      expect(await cited.getAttribute('cite')).toBe('https://developer.mozilla.org/en-US/docs/Web/HTML/Element/blockquote');
      expect(await text(article.getByRole('blockquote').first())).toBe('Stay hungry. Stay foolish.');

      const table = article.getByRole('table');
      // The empty third header cell heads nothing: it is a plain cell (axe's empty-table-header).
      expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Employee', 'Salary']);
      expect(await table.getByRole('rowheader').allTextContents()).toEqual(['John Doe', 'Jane Doe', 'Fred Bloggs', 'Jane Bloggs']);
      expect(await table.evaluate((el) => el.parentElement?.className), 'the table scrolls in its own box').toBe('table-scroll');

      // The poem keeps its tabs, runs of spaces and blank lines, as rendered (innerText follows CSS).
      const pre = article.locator('pre');
      const poem = await pre.innerText();
      expect(poem).toContain('\tAnd sorry I could not travel both          (\\_/)\n\tAnd be one traveler, long I stood         (=\'.\'=)\n');
      expect(poem).toContain('\tTo where it bent in the undergrowth;\n\n\tThen took the other');
      expect(await pre.evaluate((el) => getComputedStyle(el).overflowX)).toBe('auto');

      expect(await article.locator('ol[start="8"]').count()).toBe(1);
      expect(await article.getByTitle('Seriously').evaluate((el) => el.tagName)).toBe('ABBR');
      await expectCommentsClosed(page);
    },
  },
  {
    name: 'Markup: Image Alignment',
    path: articlePath('markup-image-alignment'),
    title: 'Markup: Image Alignment',
    async check(_page, article, width) {
      const images = article.locator('img');
      expect(await images.count()).toBe(11);
      const attributes = await images.evaluateAll((imgs) =>
        imgs.map((img) => ({ alt: img.getAttribute('alt'), width: img.getAttribute('width'), height: img.getAttribute('height') })),
      );
      // Every image has an alt; the one with an empty alt (decorative, no height in the post) is the last.
      expect(attributes.filter((a) => a.alt === null)).toEqual([]);
      const described = attributes.filter((a) => a.alt !== '');
      expect(described).toHaveLength(10);
      for (const { alt, width: w, height: h } of described) {
        // The alt names the size: "Image Alignment 580x300".
        expect(`${w}x${h}`, `width and height of "${alt}"`).toBe(alt?.replace('Image Alignment ', ''));
      }
      expect(await article.getByRole('img', { name: 'Image Alignment 1200x400', exact: true }).count()).toBe(4);

      const caption = article.getByRole('figure', { name: 'Look at 580x300 getting some caption love.' });
      expect(await caption.getByRole('img').getAttribute('alt')).toBe('Image Alignment 580x300');

      // Floated beside the text on a wide screen, stacked on a phone.
      const leftFloat = await article.locator('img.align-left').evaluate((img) => getComputedStyle(img).float);
      expect(leftFloat).toBe(width >= 640 ? 'left' : 'none');
    },
  },
  {
    name: 'Markup: Text Alignment',
    path: articlePath('markup-text-alignment'),
    title: 'Markup: Text Alignment',
    async check(_page, article) {
      const alignAfter = (heading: string) =>
        article
          .getByRole('heading', { name: heading, exact: true })
          .evaluate((h) => getComputedStyle(h.nextElementSibling as Element).textAlign);
      expect(await alignAfter('Center Align')).toBe('center');
      expect(await alignAfter('Right Align')).toBe('right');
      expect(['start', 'left']).toContain(await alignAfter('Default'));
    },
  },
  {
    name: 'Post Format: Image (Caption)',
    path: articlePath('post-format-image-caption'),
    title: 'Post Format: Image (Caption)',
    async check(_page, article) {
      const figure = article.getByRole('figure', { name: 'Bell on wharf in San Francisco' });
      const image = figure.getByRole('img', { name: 'Bell on Wharf', exact: true });
      expect(await image.evaluate((img) => [img.getAttribute('width'), img.getAttribute('height')])).toEqual(['604', '453']);
      expect(await image.getAttribute('src')).toMatch(new RegExp(`^${MEDIA_HOST}`));
      expect(await figure.getByRole('link').getAttribute('href')).toBe(`${MEDIA_HOST}2008/06/100_5478.jpg`);
    },
  },
  {
    name: 'Post Format: Gallery',
    path: articlePath('post-format-gallery'),
    title: 'Post Format: Gallery',
    async check(_page, article) {
      // [gallery] shows the post's 23 attached images, each time it appears (once per column count).
      await article.getByRole('heading', { level: 2, name: 'Nine Columns' }).waitFor();
      expect(await article.getByRole('figure').count()).toBe(230);
      expect(await article.locator('img:not([alt])').count()).toBe(0);
      const golden = article.getByRole('figure', { name: 'Golden Gate Bridge', exact: true });
      expect(await golden.count()).toBe(10);
      expect(await golden.first().getByRole('img').getAttribute('alt')).toBe('Golden Gate Bridge');
    },
  },
  {
    name: 'a title that is one 85-letter word',
    path: articlePath('title-should-not-overflow-the-content-area'),
    title: 'Taumatawhakatangihangakoauauotamateaturipukakapikimaungahoronukupokaiwhenuakitanatahu',
    async check(page) {
      // It wraps inside the column (layoutProblems checks it is not cut off either).
      const [h1, column] = await page.evaluate(() => [
        document.querySelector('h1')!.getBoundingClientRect().right,
        document.querySelector('.article-body')!.getBoundingClientRect().right,
      ]);
      expect(h1).toBeLessThanOrEqual(column + 0.5);
    },
  },
  {
    name: 'Markup: Title With Markup',
    path: articlePath('markup-title-with-markup'),
    title: 'Markup: Title With Markup',
    async check(page) {
      const h1 = page.getByRole('heading', { level: 1 });
      expect(await h1.evaluate((el) => ({ text: el.textContent, elements: el.children.length }))).toEqual({
        text: 'Markup: Title With Markup',
        elements: 0,
      });
      expect(await page.title()).toMatch(/^Markup: Title With Markup\b/);
      expect(await page.title()).not.toMatch(/[<>]/);
    },
  },
  {
    name: 'Page with comments',
    path: articlePath('page-with-comments'),
    title: 'Page with comments',
    async check(page) {
      await page.getByRole('heading', { level: 2, name: '3 Responses to “Page with comments”' }).waitFor();
      const form = page.getByRole('form', { name: 'Leave a Reply' });
      await form.getByRole('textbox', { name: 'Comment', exact: true }).waitFor();
      await form.getByRole('button', { name: 'Post Comment', exact: true }).waitFor();
      expect(await page.getByRole('button', { name: /^Reply to / }).count()).toBe(3);
    },
  },
  {
    name: 'Template: Comments',
    path: articlePath('template-comments'),
    title: 'Template: Comments',
    async check(page) {
      await page.getByRole('heading', { level: 2, name: '19 Responses to “Template: Comments”' }).waitFor();
      // The post's author (themedemos) commented three times: each of those, and only those, says "Author".
      const byAuthor = page.getByRole('article', { name: 'themedemos', exact: true });
      expect(await byAuthor.count()).toBe(3);
      for (const comment of await byAuthor.all()) {
        const badge = comment.getByText('Author', { exact: true });
        // A small label by the name, not a bar across the comment.
        expect((await badge.boundingBox())?.width, 'width of the "Author" badge').toBeLessThan(100);
      }
      expect(await page.locator('#comments').getByText('Author', { exact: true }).count()).toBe(3);
      // Ten levels of replies, all on the page.
      await page.getByRole('article').filter({ hasText: 'Comment Depth 10' }).waitFor();
      await page.getByRole('form', { name: 'Leave a Reply' }).waitFor();
    },
  },
  {
    name: 'Template: Excerpt (Defined)',
    path: articlePath('template-excerpt-defined'),
    title: 'Template: Excerpt (Defined)',
    async check(page, article) {
      // The excerpt is for the front page; the post shows its content.
      expect(await text(article)).not.toContain(DEFINED_EXCERPT);
      expect(await text(article)).toContain('This is the post content.');
      await expectCommentsClosed(page);
    },
  },
  {
    name: 'Template: Comments Disabled',
    path: articlePath('template-comments-disabled'),
    title: 'Template: Comments Disabled',
    async check(page) {
      await expectCommentsClosed(page);
    },
  },
  {
    name: 'a Greek page, at its Unicode slug',
    path: articlePath('επίπεδο-2'),
    title: 'Επίπεδο 2 -Second Greek level',
    async check(page, article) {
      expect(decodeURIComponent(new URL(page.url()).pathname)).toBe('/articles/επίπεδο-2');
      expect(await text(article)).toContain('Σελίδα 2ου επιπέδου');
    },
  },
];

describe('the WordPress Theme Unit Test data on the real server', () => {
  test('the real import CLI names what readers will not see', () => {
    expect(importOutput).toMatch(/^Imported 77 article\(s\): 29 new comment\(s\)/);
    expect(importOutput).toContain('Hidden 1 password-protected article(s), not published here: “Template: Password Protected');
  });

  for (const scene of SCENES) {
    test(`${scene.name}: fits 1280 px and 360 px and reads as WordPress shows it`, async () => {
      for (const viewport of WIDTHS) {
        const t = await open(scene.path, { viewport });
        expect(t.status, `HTTP status of ${decodeURIComponent(scene.path)}`).toBe(200);
        const article = scene.title ? await waitForArticle(t.page, scene.title) : await waitForFrontPage(t.page);
        expect(await layoutProblems(t.page), `${scene.path} at ${viewport.width} px`).toEqual([]);
        await scene.check(t.page, article, viewport.width);
        expect(t.problems(), `${scene.path} at ${viewport.width} px`).toEqual([]);
        await t.context.close();
      }
    });
  }

  for (const viewport of WIDTHS) {
    test(`every imported article fits ${viewport.width} px: nothing scrolls sideways or leaves its column`, { timeout: 300_000 }, async () => {
      const { articles } = articleListSchema.parse(await (await fetch(`${server.url}/api/articles`)).json());
      // 76 imported and published, and the demo article.
      expect(articles).toHaveLength(77);
      const t = await open('/', { viewport });
      for (const { slug, title } of articles) {
        await t.page.goto(server.url + articlePath(slug));
        await waitForArticle(t.page, title);
        expect(await layoutProblems(t.page), `${slug} at ${viewport.width} px`).toEqual([]);
      }
      expect(t.problems()).toEqual([]);
      await t.context.close();
    });
  }

  test('images on the old site are blocked by the CSP (no MEDIA_ORIGINS), and only they are', async () => {
    const t = await open(articlePath('markup-image-alignment'));
    const article = await waitForArticle(t.page, 'Markup: Image Alignment');
    const sources = await article.locator('img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src));
    await expect.poll(() => new Set(t.blockedImages).size).toBe(new Set(sources).size);
    expect(t.blockedImages.every((src) => src.startsWith(MEDIA_HOST))).toBe(true);
    // None loaded: each shows its alt text instead (the scene above checks the boxes fit the column).
    expect(await article.locator('img').evaluateAll((imgs) => imgs.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length)).toBe(0);
  });

  test('the password-protected post is not published: HTTP 404, in the browser too', async () => {
    const path = articlePath('template-password-protected');
    expect((await fetch(server.url + path)).status).toBe(404);
    expect((await fetch(`${server.url}/api${path}`)).status).toBe(404);
    const t = await harness.newPage();
    t.allowConsoleError(/Failed to load resource: the server responded with a status of 404/);
    const response = await t.page.goto(server.url + path);
    expect(response?.status()).toBe(404);
    await t.page.getByText(/not found/i).first().waitFor();
    expect(await t.page.getByText(/Password Protected/).count(), 'nothing of the post is shown').toBe(0);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [slug, title] of [
      ['edge-case-nested-and-mixed-lists', 'Edge Case: Nested And Mixed Lists'],
      ['markup-html-tags-and-formatting', 'Markup: HTML Tags and Formatting'],
      ['template-comments', 'Template: Comments'],
    ] as const) {
      test(`axe finds no violations on ${title} (${colorScheme})`, async () => {
        const t = await open(articlePath(slug), { colorScheme });
        await waitForArticle(t.page, title);
        expect(await t.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
        await expectNoAxeViolations(t.page, `${title} (${colorScheme})`);
      });
    }
  }
});
