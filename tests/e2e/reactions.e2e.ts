// Sorting, likes and an author's own edits on the real server (SQLite), in
// Chromium: the order chosen is in the address and remembered for the next
// visit, a like survives a reload, and a comment just posted can be edited
// ("edited" shown) and deleted. axe-clean, with a screenshot for the docs.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { useBrowser } from './support/browser';
import { ARTICLE_PATH, bottomForm, expectNoAxeViolations, FIRST, isFocused, SECOND, unique, waitForReader } from './support/colloquy';
import { ROOT } from './support/paths';
import { useRealServer } from './support/real-server';

const harness = useBrowser();
const server = useRealServer();

/** The authors of the comments that start threads, in the order shown. */
const threadAuthors = (page: import('playwright-core').Page) =>
  page.$$eval('#comments ol.comment-list:not(.children) > li > article', (articles) =>
    articles.map((a) => document.getElementById(a.getAttribute('aria-labelledby')!)?.textContent ?? ''),
  );

test('sort by Newest (kept by the cookie), like across a reload, post then edit and delete, axe-clean', async () => {
  const { page } = await harness.newPage();
  await page.goto(server.url + ARTICLE_PATH);
  await waitForReader(page);
  expect(await threadAuthors(page)).toEqual([FIRST.author, SECOND.author]);

  // Sort: the address says it, the order changes, and a later visit without ?sort= keeps it.
  const sort = page.getByRole('combobox', { name: 'Sort comments' });
  await sort.selectOption({ label: 'Newest' });
  await page.waitForURL(/\?sort=newest$/);
  await expect.poll(() => threadAuthors(page)).toEqual([SECOND.author, FIRST.author]);
  await page.goto(server.url + ARTICLE_PATH);
  await waitForReader(page);
  expect(await sort.inputValue()).toBe('newest');
  expect(await threadAuthors(page)).toEqual([SECOND.author, FIRST.author]);

  // Like: pressed with its count, and still so after a reload.
  const first = page.getByRole('article', { name: FIRST.author, exact: true });
  const like = first.getByRole('button', { name: 'Like', exact: true });
  const answered = page.waitForResponse((response) => response.url().endsWith('/like') && response.request().method() === 'PUT');
  await like.click();
  await expect.poll(() => like.getAttribute('aria-pressed')).toBe('true');
  await expect.poll(() => first.locator('.like-count').textContent()).toBe('1 like');
  expect((await answered).status()).toBe(200);
  await page.reload();
  await waitForReader(page);
  await expect.poll(() => like.getAttribute('aria-pressed')).toBe('true');
  expect(await first.locator('.like-count').textContent()).toBe('1 like');

  // Post, then edit: the form opens in place with the text, and the comment says "edited".
  const author = unique('Reader');
  const form = bottomForm(page);
  await form.name.fill(author);
  await form.email.fill('reader@example.com');
  await form.comment.fill('A first **draft** of a thought.');
  await form.submit.click();
  const own = page.getByRole('article', { name: author, exact: true });
  await own.getByRole('button', { name: 'Edit', exact: true }).click();
  const editForm = own.getByRole('form', { name: 'Edit your comment' });
  const text = editForm.getByRole('textbox', { name: 'Comment', exact: true });
  await expect.poll(() => isFocused(text)).toBe(true);
  expect(await text.inputValue()).toBe('A first **draft** of a thought.');
  await text.fill('A second, _better_ thought.');
  await editForm.getByRole('button', { name: 'Update Comment', exact: true }).click();
  await own.locator('time.comment-edited').waitFor();
  expect(await own.locator('.comment-body').innerText()).toBe('A second, better thought.');
  // With JavaScript, new threads in this order go first.
  expect((await threadAuthors(page))[0]).toBe(author);
  await expectNoAxeViolations(page, 'the reader with a sort, a like and an edited own comment');

  // For the docs: the discussion's top, with the sort, a like and the own edited comment.
  mkdirSync(resolve(ROOT, 'docs/screenshots'), { recursive: true });
  await page.mouse.move(0, 0);
  await page.locator('#comments').screenshot({ path: resolve(ROOT, 'docs/screenshots/reactions.png') });

  // Delete asks first, in place; confirmed, a comment without replies is gone.
  await own.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = own.getByRole('group', { name: 'Delete this comment?' });
  await confirm.waitFor();
  await expectNoAxeViolations(page, 'the delete confirmation');
  await confirm.getByRole('button', { name: 'Delete comment', exact: true }).click();
  await own.waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: 'Your comment was deleted.' }).waitFor();
  await page.reload();
  await waitForReader(page);
  expect(await threadAuthors(page)).toEqual([SECOND.author, FIRST.author]);
}, 120_000);
