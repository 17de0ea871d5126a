// What the tests know about Colloquy: the seed article, and how to find its
// parts on a page by role, label and the documented comment-ID anchors.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from './paths';

interface SeedFile {
  article: { slug: string; title: string; author: string; publishedAt: string; paragraphs: string[] };
  comments: { author: string; url: string | null; email: string; createdAt: string; body: string }[];
}

export const seed: SeedFile = JSON.parse(readFileSync(resolve(ROOT, 'src/content/seed-article.json'), 'utf8'));
export const SLUG = seed.article.slug;
export const TITLE = seed.article.title;
export const ARTICLE_PATH = `/articles/${SLUG}`;
export const FIRST = seed.comments[0];
export const SECOND = seed.comments[1];

/** A comment body as paragraphs: blank lines separate them. */
export const bodyParagraphs = (body: string) => body.split(/\n\s*\n/).map(normalizeHtmlText);

/**
 * Collapses what HTML rendering collapses: runs of ASCII whitespace. NOT \s,
 * which would also eat the U+00A0 no-break spaces the content must keep.
 */
export function normalizeHtmlText(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ').replace(/^[ \t\n\r\f]+|[ \t\n\r\f]+$/g, '');
}

/** The text of every <p> inside `scope`, in document order, normalised. */
export async function paragraphTexts(scope: Locator): Promise<string[]> {
  return (await scope.locator('p').allTextContents()).map(normalizeHtmlText);
}

/** Of the paragraphs in `scope`, those that equal one of `expected`, in order (so extra bylines etc. do not matter). */
export async function matchingParagraphs(scope: Locator, expected: string[]): Promise<string[]> {
  const wanted = new Set(expected.map(normalizeHtmlText));
  return (await paragraphTexts(scope)).filter((t) => wanted.has(t));
}

/** Every rendered comment anchor `comment-<number>` with its text, in document order. */
export async function commentAnchors(page: Page): Promise<{ id: number; text: string }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[id^="comment-"]'))
      .filter((el) => /^comment-\d+$/.test(el.id))
      .map((el) => ({ id: Number(el.id.slice('comment-'.length)), text: el.textContent ?? '' })),
  );
}

/** The numeric ID of the (first) rendered comment written by `author`. */
export async function commentIdByAuthor(page: Page, author: string): Promise<number> {
  await page.locator('[id^="comment-"]').filter({ hasText: author }).first().waitFor();
  const found = (await commentAnchors(page)).find((c) => c.text.includes(author));
  if (!found) throw new Error(`No element with id comment-<n> contains the author "${author}"`);
  return found.id;
}

/** The element with id comment-ID. */
export const commentAnchor = (page: Page, id: number) => page.locator(`[id="comment-${id}"]`);

/**
 * The list item of comment ID: the innermost <li> that is, or contains, #comment-ID.
 * Replies live in a nested list inside it.
 */
export const commentItem = (page: Page, id: number) =>
  page.locator(`xpath=//li[@id="comment-${id}" or .//*[@id="comment-${id}"]]`).last();

/** The ID of the comment whose list item is the parent of comment `id`'s list item, or null when top level. */
export async function parentCommentId(page: Page, id: number): Promise<number | null> {
  return commentItem(page, id).evaluate((li) => {
    const outer = li.parentElement?.closest('li');
    if (!outer) return null;
    const anchor = outer.id && /^comment-\d+$/.test(outer.id) ? outer : outer.querySelector('[id^="comment-"]');
    return anchor && /^comment-\d+$/.test(anchor.id) ? Number(anchor.id.slice('comment-'.length)) : null;
  });
}

/**
 * The form's fields, by their exact accessible names. By role, not getByLabel: the
 * label text is "Name *" with the asterisk aria-hidden, so the accessible name is
 * exactly "Name" but the label's text is not (and a loose "Name" would also match
 * "Save my name…").
 */
export function formFields(scope: Page | Locator) {
  return {
    name: scope.getByRole('textbox', { name: 'Name', exact: true }),
    email: scope.getByRole('textbox', { name: 'Email', exact: true }),
    website: scope.getByRole('textbox', { name: 'Website', exact: true }),
    comment: scope.getByRole('textbox', { name: 'Comment', exact: true }),
    remember: scope.getByRole('checkbox', { name: 'Save my name, email, and website in this browser for the next time I comment.' }),
    submit: scope.getByRole('button', { name: 'Post Comment', exact: true }),
  };
}

/** The comment form last in the page: the one at the bottom, under "Leave a Reply". */
export function bottomForm(page: Page) {
  return formFields(page.locator('form').filter({ has: page.getByRole('button', { name: 'Post Comment', exact: true }) }).last());
}

export const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** What the focused element is, for failure messages. */
export const describeFocus = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '(nothing)';
    const label = el.getAttribute('aria-label') ?? (el as HTMLElement).innerText?.slice(0, 40) ?? '';
    return `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}> ${label}`;
  });

/** Presses Tab until `target` has focus; fails after `max` presses. Checks before the first press. */
export async function tabTo(page: Page, target: Locator, max = 150): Promise<void> {
  await target.waitFor();
  for (let i = 0; i <= max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target} within ${max} presses (focus is on ${await describeFocus(page)})`);
}

/** The accessible-description text of a field: what aria-describedby / aria-errormessage point at. */
export const describedByText = (field: Locator) =>
  field.evaluate((el) => {
    const ids = `${el.getAttribute('aria-describedby') ?? ''} ${el.getAttribute('aria-errormessage') ?? ''}`.split(/\s+/).filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  });

/** Runs axe on the page and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  // WCAG 2.2's target size is off in axe by default; comments stack small links, so check it.
  const results = await new AxeBuilder({ page }).options({ rules: { 'target-size': { enabled: true } } }).analyze();
  const summary = results.violations.map(
    (v) =>
      `- ${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`)
        .join('\n'),
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** True when the page scrolls sideways. */
export const hasHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** Waits for the reader to show the article and its comments. */
export async function waitForReader(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.getByRole('button', { name: `Reply to ${FIRST.author}` }).waitFor();
  // The bottom form is a lazily loaded chunk: wait for it too, so the page is complete.
  await page.getByRole('button', { name: 'Post Comment', exact: true }).last().waitFor();
}

/** A text no other test or seed uses, to find what this test posted. */
export const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
