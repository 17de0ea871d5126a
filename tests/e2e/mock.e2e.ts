// The static build (dist/static) on the MSW mock: what a visitor of the demo
// sees and does, in a real Chromium. Each test has its own browser context, so
// its own mock database (localStorage) and its own 15 s flood interval.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { useBrowser } from './support/browser';
import {
  ARTICLE_PATH,
  bodyParagraphs,
  bottomForm,
  commentAnchor,
  commentAnchors,
  commentIdByAuthor,
  commentItem,
  describedByText,
  describeFocus,
  expectNoAxeViolations,
  FIRST,
  formFields,
  hasHorizontalScroll,
  isFocused,
  matchingParagraphs,
  normalizeHtmlText,
  parentCommentId,
  SECOND,
  seed,
  tabTo,
  TITLE,
  unique,
  waitForReader,
} from './support/colloquy';
import { buildPaths, SCREENSHOT_DIR } from './support/paths';
import { startStaticServer, type StaticServer } from './support/static-server';

const harness = useBrowser();
let server: StaticServer;

beforeAll(async () => {
  server = await startStaticServer(buildPaths(inject('e2eBuildRoot')).staticDir);
});
afterAll(async () => {
  await server?.close();
});

async function open(path: string, options?: BrowserContextOptions) {
  const t = await harness.newPage(options);
  await t.page.goto(server.url + path);
  return t;
}

const REPLY_TO_FIRST = `Reply to ${FIRST.author}`;

/** Waits until a comment with `text` has its real (server) ID and is no longer "Posting…"; returns its ID. */
async function waitForPostedComment(page: Page, text: string, known: number[]): Promise<number> {
  let id: number | undefined;
  await expect
    .poll(
      async () => {
        const found = (await commentAnchors(page)).filter((c) => c.text.includes(text) && !known.includes(c.id));
        id = found[0]?.id;
        const pending = await page.getByText('Posting…').count();
        return { found: found.length, pending };
      },
      { timeout: 10_000, message: `the comment "${text}" to appear with its real ID and no "Posting…" left` },
    )
    .toEqual({ found: 1, pending: 0 });
  return id!;
}

describe('the front page and the reader', () => {
  test('the front page lists the seed article with 2 comments and links to the reader', async () => {
    const { page } = await open('/');
    const link = page.getByRole('link', { name: TITLE, exact: true });
    await link.waitFor();
    const entry = link.locator('xpath=ancestor::*[self::li or self::article][1]');
    const entryText = normalizeHtmlText((await entry.textContent()) ?? '');
    expect(entryText, 'the entry shows the comment count 2').toMatch(/(^|[^\d])2 (responses|comments)/i);
    expect(entryText, 'the entry shows the year of publication').toContain('2011');
    expect(entryText, 'the entry shows an excerpt of the first paragraph').toContain(
      normalizeHtmlText(seed.article.paragraphs[0]).slice(0, 40),
    );
    await link.click();
    await page.waitForURL(`**${ARTICLE_PATH}`);
    await waitForReader(page);
  });

  test('the reader shows the title, every paragraph and both comments exactly as in the seed', async () => {
    const { page } = await open(ARTICLE_PATH);
    await waitForReader(page);
    expect(await page.title()).toContain(TITLE);

    const article = page.locator('article').filter({ has: page.getByRole('heading', { level: 1, name: TITLE }) }).first();
    // Exact text, U+00A0 no-break spaces included; only ASCII whitespace runs are collapsed.
    expect(await matchingParagraphs(article, seed.article.paragraphs)).toEqual(seed.article.paragraphs.map(normalizeHtmlText));

    await page.getByRole('heading', { name: `2 Responses to “${TITLE}”`, exact: true }).waitFor();

    const ids: number[] = [];
    for (const comment of seed.comments) {
      const id = await commentIdByAuthor(page, comment.author);
      ids.push(id);
      const item = commentItem(page, id);
      expect(await item.evaluate((li) => li.parentElement?.tagName), `comment ${id} is an item of an <ol>`).toBe('OL');
      expect(await parentCommentId(page, id), `comment ${id} is top level`).toBeNull();
      expect(await matchingParagraphs(item, bodyParagraphs(comment.body)), `comment by ${comment.author}`).toEqual(
        bodyParagraphs(comment.body),
      );
      expect(await item.locator(`a[href$="#comment-${id}"]`).count(), `comment ${id} has a permalink`).toBeGreaterThan(0);
      // The date: shown relative ("15 years ago"), machine-readable in <time datetime>.
      const datetimes = await item.locator('time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime') ?? ''));
      expect(datetimes.map((d) => Date.parse(d)), `comment ${id} has its date`).toContain(Date.parse(comment.createdAt));
      await item.getByRole('button', { name: `Reply to ${comment.author}`, exact: true }).waitFor();
    }
    expect(bodyParagraphs(SECOND.body)).toHaveLength(3);
    // Numbered in publication order.
    expect((await commentAnchors(page)).map((c) => c.id)).toEqual(ids);
    // The author with a website links to it.
    expect(await commentItem(page, ids[1]).getByRole('link', { name: SECOND.author }).getAttribute('href')).toBe(SECOND.url);
  });

  test('an unknown slug shows a not-found page', async () => {
    const t = await open('/articles/there-is-no-such-article');
    // The failed article fetch is the expected 404.
    t.allowConsoleError(/Failed to load resource: .*404/);
    await t.page.getByText(/not found/i).first().waitFor();
    expect(await t.page.getByRole('heading', { level: 1, name: TITLE }).count()).toBe(0);
  });

  test('a permalink scrolls its comment into view', async () => {
    const { page } = await open(ARTICLE_PATH, { viewport: { width: 1280, height: 600 } });
    await waitForReader(page);
    const id = await commentIdByAuthor(page, SECOND.author);
    await page.close();

    const t = await open(`${ARTICLE_PATH}#comment-${id}`, { viewport: { width: 1280, height: 600 } });
    const anchor = commentAnchor(t.page, id);
    await anchor.waitFor();
    await expect
      .poll(
        () =>
          anchor.evaluate((el) => {
            const r = el.getBoundingClientRect();
            return r.top >= -1 && r.top < window.innerHeight && window.scrollY > 0;
          }),
        { timeout: 5_000, message: `#comment-${id} is scrolled into the 600 px viewport` },
      )
      .toBe(true);
  });
});

describe('replying', () => {
  test('replies in place to comment 1: shown at once, then for real, nested, and still there after a reload', async () => {
    const { page } = await open(ARTICLE_PATH);
    await waitForReader(page);
    // Slow the mock down so the optimistic "Posting…" state is observable.
    await page.evaluate(() => localStorage.setItem('colloquy:mock-latency', '1500'));
    const firstId = await commentIdByAuthor(page, FIRST.author);
    const item = commentItem(page, firstId);

    await page.getByRole('button', { name: REPLY_TO_FIRST, exact: true }).click();
    await item.getByRole('heading', { name: REPLY_TO_FIRST }).waitFor();
    await item.getByText('Cancel reply').waitFor();

    const text = unique('A reply in place');
    const form = formFields(item);
    await form.name.fill('Ada Reader');
    await form.email.fill('ada@example.com');
    await form.website.fill('https://example.com/ada');
    await form.comment.fill(text);
    const known = (await commentAnchors(page)).map((c) => c.id);
    await form.submit.click();

    await item.getByText(text).waitFor();
    await page.getByText('Posting…').first().waitFor();
    const replyId = await waitForPostedComment(page, text, known);
    expect(await parentCommentId(page, replyId), 'the reply is nested in comment 1').toBe(firstId);

    await page.reload();
    await waitForReader(page);
    await commentAnchor(page, replyId).waitFor();
    expect(await parentCommentId(page, replyId), 'after a reload the reply is still nested in comment 1').toBe(firstId);
    expect(normalizeHtmlText((await commentAnchor(page, replyId).textContent()) ?? '')).toContain(text);
  });

  test('"Cancel reply" closes the reply form and gives focus back to the reply button', async () => {
    const { page } = await open(ARTICLE_PATH);
    await waitForReader(page);
    const item = commentItem(page, await commentIdByAuthor(page, FIRST.author));
    const replyButton = page.getByRole('button', { name: REPLY_TO_FIRST, exact: true });
    await replyButton.click();
    await item.getByRole('heading', { name: REPLY_TO_FIRST }).waitFor();
    expect(await replyButton.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => isFocused(formFields(item).name), { message: 'opening the form focuses Name' }).toBe(true);
    await item.getByRole('button', { name: 'Cancel reply' }).click();
    await item.getByRole('heading', { name: REPLY_TO_FIRST }).waitFor({ state: 'detached' });
    expect(await isFocused(replyButton), 'focus returns to the reply button').toBe(true);
    // Only the bottom form is left.
    expect(await page.getByRole('button', { name: 'Post Comment', exact: true }).count()).toBe(1);
  });

  test('an empty submit shows an error next to each required field and focuses Name', async () => {
    const { page } = await open(ARTICLE_PATH);
    await waitForReader(page);
    await page.getByRole('heading', { name: 'Leave a Reply' }).waitFor();
    const form = bottomForm(page);
    await form.submit.click();

    await page.getByText('Please enter your name.').waitFor();
    await page.getByText('Please enter your email address.').waitFor();
    await page.getByText('Please type your comment.').waitFor();
    await expect.poll(() => isFocused(form.name), { message: 'focus moves to Name' }).toBe(true);
    for (const [field, message] of [
      [form.name, 'Please enter your name.'],
      [form.email, 'Please enter your email address.'],
      [form.comment, 'Please type your comment.'],
    ] as const) {
      expect(await field.getAttribute('aria-invalid'), `${message}: aria-invalid`).toBe('true');
      expect(await describedByText(field), `${message}: the error is the field's description`).toContain(message);
    }
    expect(await commentAnchors(page)).toHaveLength(2);
  });

  test('every invalid field is marked the same way, not only the textarea', async () => {
    const { page } = await open(ARTICLE_PATH);
    await waitForReader(page);
    const form = bottomForm(page);
    await form.submit.click();
    await page.getByText('Please enter your name.').waitFor();
    const border = (field: typeof form.name) =>
      field.evaluate((el) => {
        const style = getComputedStyle(el);
        return `${style.borderTopWidth} ${style.borderTopColor}`;
      });
    const valid = await border(form.website);
    const marked = { name: await border(form.name), email: await border(form.email), comment: await border(form.comment) };
    expect(marked.comment, 'the invalid Comment field has a danger border').not.toBe(valid);
    expect(marked, 'invalid Name and Email look like invalid Comment').toEqual({ name: marked.comment, email: marked.comment, comment: marked.comment });
  });

  test('a failed post says so, keeps every character, and a retry posts exactly one comment', async () => {
    const t = await open(ARTICLE_PATH);
    const { page } = t;
    // The deliberate 500 shows up as a failed resource load.
    t.allowConsoleError(/Failed to load resource: .*500/);
    await waitForReader(page);

    const form = bottomForm(page);
    const token = unique('Kept');
    const values = {
      name: 'Zoë O’Brien-Łukasiewicz  <b>',
      email: 'zoe.obrien@example.com',
      website: 'https://example.com/zoë?a=1&b=2',
      comment: `${token}: “quotes”, ‘apostrophes’ — dashes… <em>not markup</em> & ampersands,\u00a0no-break\u00a0spaces,  two spaces,\ttab.\n\nA second paragraph with emoji 🙂 and 中文.\n`,
    };
    await form.name.fill(values.name);
    await form.email.fill(values.email);
    await form.website.fill(values.website);
    await form.comment.fill(values.comment);

    await page.evaluate(() => localStorage.setItem('colloquy:mock-fail', 'post'));
    await form.submit.click();
    const alert = page.getByRole('alert').filter({ hasText: /fail|could ?n[o’']t|not (be )?(posted|sent|saved)/i });
    await alert.waitFor();
    expect(normalizeHtmlText((await alert.textContent()) ?? ''), 'the alert says the text is kept').toMatch(/kept|keep|still|not lost|safe/i);

    expect(await form.name.inputValue()).toBe(values.name);
    expect(await form.email.inputValue()).toBe(values.email);
    expect(await form.website.inputValue()).toBe(values.website);
    expect(await form.comment.inputValue()).toBe(values.comment);
    expect((await commentAnchors(page)).filter((c) => c.text.includes(token)), 'no comment was created').toHaveLength(0);

    await page.evaluate(() => localStorage.removeItem('colloquy:mock-fail'));
    const known = (await commentAnchors(page)).map((c) => c.id);
    await form.submit.click();
    const id = await waitForPostedComment(page, token, known);
    expect((await commentAnchors(page)).map((c) => c.id)).toEqual([...known, id]);
    expect(await alert.count(), 'the failure alert is gone after a successful retry').toBe(0);
    // The posted text, rendered: paragraphs split on the blank line, characters intact.
    expect(await matchingParagraphs(commentItem(page, id), bodyParagraphs(values.comment.trim()))).toEqual(
      bodyParagraphs(values.comment.trim()),
    );

    await page.reload();
    await waitForReader(page);
    await commentAnchor(page, id).waitFor();
    expect((await commentAnchors(page)).filter((c) => c.text.includes(token)), 'exactly one new comment after a reload').toHaveLength(1);
    expect(await commentAnchors(page)).toHaveLength(3);
  });

  test('a reply can be written and posted with the keyboard alone', async () => {
    const { page } = await open(ARTICLE_PATH);
    await waitForReader(page);
    const firstId = await commentIdByAuthor(page, FIRST.author);
    const item = commentItem(page, firstId);

    await tabTo(page, page.getByRole('button', { name: REPLY_TO_FIRST, exact: true }));
    await page.keyboard.press('Enter');
    await item.getByRole('heading', { name: REPLY_TO_FIRST }).waitFor();

    const form = formFields(item);
    const text = unique('Typed with the keyboard');
    const entries = [
      { field: form.name, value: 'Kim Keyboard' },
      { field: form.email, value: 'kim@example.com' },
      { field: form.comment, value: text },
    ];
    // Fill in the order the fields come in the page, moving only with Tab.
    const order = await Promise.all(
      entries.map((e) => e.field.evaluate((el) => Array.from(document.querySelectorAll('*')).indexOf(el))),
    );
    const sorted = entries.map((e, i) => ({ ...e, at: order[i] })).sort((a, b) => a.at - b.at);
    for (const { field, value } of sorted) {
      await tabTo(page, field);
      await page.keyboard.type(value);
    }
    for (const { field, value } of entries) expect(await field.inputValue()).toBe(value);

    const known = (await commentAnchors(page)).map((c) => c.id);
    await tabTo(page, form.submit);
    await page.keyboard.press('Enter');
    const replyId = await waitForPostedComment(page, text, known);
    expect(await parentCommentId(page, replyId)).toBe(firstId);
    expect(await describeFocus(page), 'focus is still somewhere in the page').not.toBe('(nothing)');
  });

  test('a draft survives a reload', async () => {
    const { page } = await open(ARTICLE_PATH);
    await waitForReader(page);
    const form = bottomForm(page);
    const text = unique('An unfinished thought');
    await form.comment.fill(`${text}\n\nwith a second paragraph`);
    // Wait until the draft is stored (it may be debounced), then reload.
    await expect
      .poll(
        () =>
          page.evaluate(
            (needle) =>
              [localStorage, sessionStorage].some((s) =>
                Array.from({ length: s.length }, (_, i) => s.getItem(s.key(i) ?? '') ?? '').some((v) => v.includes(needle)),
              ),
            text,
          ),
        { timeout: 5_000, message: 'the draft is saved in web storage' },
      )
      .toBe(true);
    await page.reload();
    await waitForReader(page);
    await expect.poll(() => bottomForm(page).comment.inputValue()).toBe(`${text}\n\nwith a second paragraph`);
  });
});

describe('accessibility and layout', () => {
  const scenes: { name: string; path: string; prepare?: (page: Page) => Promise<void> }[] = [
    { name: 'the front page', path: '/', prepare: (page) => page.getByRole('link', { name: TITLE }).waitFor() },
    { name: 'the reader', path: ARTICLE_PATH, prepare: waitForReader },
    {
      name: 'the reader with an open reply form showing errors',
      path: ARTICLE_PATH,
      prepare: async (page) => {
        await waitForReader(page);
        const item = commentItem(page, await commentIdByAuthor(page, FIRST.author));
        await page.getByRole('button', { name: REPLY_TO_FIRST, exact: true }).click();
        await formFields(item).submit.click();
        await item.getByText('Please enter your name.').waitFor();
      },
    },
  ];

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const scene of scenes) {
      test(`axe finds no violations on ${scene.name} (${colorScheme})`, async () => {
        const t = await harness.newPage();
        await t.page.emulateMedia({ colorScheme });
        await t.page.goto(server.url + scene.path);
        await scene.prepare?.(t.page);
        expect(await t.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
        await expectNoAxeViolations(t.page, `${scene.name} (${colorScheme})`);
      });
    }
  }

  test('a 360 px wide screen never scrolls sideways', async () => {
    const viewport = { width: 360, height: 740 };
    for (const scene of scenes) {
      const t = await harness.newPage({ viewport });
      await t.page.goto(server.url + scene.path);
      await scene.prepare?.(t.page);
      expect(await hasHorizontalScroll(t.page), `${scene.name} scrolls sideways at 360 px`).toBe(false);
      await t.context.close();
    }
  });

  test('the site name starts where the reading column does, on a desktop and a phone', async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 360, height: 740 },
    ]) {
      const t = await harness.newPage({ viewport });
      await t.page.goto(server.url + ARTICLE_PATH);
      await waitForReader(t.page);
      const left = (selector: string) => t.page.locator(selector).first().evaluate((el) => Math.round(el.getBoundingClientRect().left));
      expect(await left('.site-name'), `at ${viewport.width} px`).toBe(await left('h1'));
      expect(await left('.site-name'), `at ${viewport.width} px`).toBe(await left('#comments'));
      await t.context.close();
    }
  });

  test('the bottom form arrives without growing the page, a reply form spans the comment column at 360 px and Escape closes it', async () => {
    const t = await harness.newPage({ viewport: { width: 360, height: 740 } });
    // Record the page height whenever the DOM changes, from the first paint on.
    await t.page.addInitScript(() => {
      const heights: number[] = [];
      Object.assign(window, { formHeights: heights });
      new MutationObserver(() => {
        if (document.querySelector('.form-placeholder, #comments > .comment-form')) heights.push(document.documentElement.scrollHeight);
      }).observe(document, { subtree: true, childList: true });
    });
    await t.page.goto(server.url + ARTICLE_PATH);
    await waitForReader(t.page);
    await t.page.getByRole('form', { name: 'Leave a Reply' }).waitFor();
    const heights = await t.page.evaluate(() => (window as unknown as { formHeights: number[] }).formHeights);
    const final = await t.page.evaluate(() => document.documentElement.scrollHeight);
    // Within a few pixels: the placeholder is the form's measured height.
    expect(Math.min(...heights), 'page height while the form loads').toBeGreaterThan(final - 40);

    // The reply form uses the width of the comment column, not what is left after the indent.
    await t.page.getByRole('button', { name: REPLY_TO_FIRST, exact: true }).click();
    const reply = t.page.getByRole('form', { name: REPLY_TO_FIRST });
    const width = await reply.evaluate((form) => form.parentElement!.getBoundingClientRect().width);
    const column = await t.page.locator('ol.comment-list > li').first().evaluate((li) => li.getBoundingClientRect().width);
    expect(width).toBeGreaterThanOrEqual(column - 1);

    // Escape closes it, as Cancel reply does, and gives focus back to the reply button.
    await reply.getByRole('textbox', { name: 'Comment' }).focus();
    await t.page.keyboard.press('Escape');
    await expect.poll(() => reply.count()).toBe(0);
    expect(await t.page.evaluate(() => document.activeElement?.textContent)).toBe(REPLY_TO_FIRST);
    await t.context.close();
  });

  test('screenshots of the reader: desktop and 360 px, light and dark', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const [label, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['360', { width: 360, height: 740 }],
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const t = await harness.newPage({ viewport, colorScheme });
        await t.page.goto(server.url + ARTICLE_PATH);
        await waitForReader(t.page);
        await t.page.screenshot({ path: join(SCREENSHOT_DIR, `reader-${label}-${colorScheme}.png`), fullPage: true });
        await t.page.screenshot({ path: join(SCREENSHOT_DIR, `reader-${label}-${colorScheme}-fold.png`) });
        // Viewport-sized shots further down, readable at full scale.
        for (const [part, target] of [
          ['comments', t.page.getByRole('heading', { name: /Responses to/ })],
          ['second-comment', t.page.getByRole('button', { name: `Reply to ${FIRST.author}` })],
          ['form', t.page.getByRole('heading', { name: 'Leave a Reply' })],
        ] as const) {
          await target.evaluate((el) => el.scrollIntoView({ block: 'start' }));
          await t.page.screenshot({ path: join(SCREENSHOT_DIR, `reader-${label}-${colorScheme}-${part}.png`) });
        }
        // The reply form open with its errors, to review the form's look too.
        const item = commentItem(t.page, await commentIdByAuthor(t.page, FIRST.author));
        await t.page.getByRole('button', { name: REPLY_TO_FIRST, exact: true }).click();
        await formFields(item).submit.click();
        await item.getByText('Please enter your name.').waitFor();
        await item.screenshot({ path: join(SCREENSHOT_DIR, `reply-form-${label}-${colorScheme}.png`) });
        await t.context.close();
      }
    }
    const t = await harness.newPage();
    await t.page.goto(server.url + '/');
    await t.page.getByRole('link', { name: TITLE }).waitFor();
    await t.page.screenshot({ path: join(SCREENSHOT_DIR, 'front-desktop-light.png'), fullPage: true });
  });
});
