// Quoting the article in Chromium on the real server (SQLite): select a passage with the
// mouse, reach "Reply quoting this" with Tab, post; "In the article" scrolls to the passage
// and highlights it (CSS Custom Highlight API); the article counts the quote in its margin.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { useBrowser } from './support/browser';
import { ARTICLE_PATH, bottomForm, describeFocus, expectNoAxeViolations, isFocused, tabTo, unique, waitForReader } from './support/colloquy';
import { ROOT } from './support/paths';
import { useRealServer } from './support/real-server';

const harness = useBrowser();
const server = useRealServer();

const PASSAGE = 'Ales Bialiatski, founder of the Belarusian Human Rights Center Viasna';

test('select with the mouse, Tab to "Reply quoting this", post, and "In the article" highlights the passage', async () => {
  const { page } = await harness.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url + ARTICLE_PATH);
  await waitForReader(page);

  // Where the passage's first and last characters are on screen.
  const box = await page.evaluate((passage) => {
    const paragraph = [...document.querySelectorAll('.article-body p')].find((p) => p.textContent!.includes(passage))!;
    paragraph.scrollIntoView({ block: 'center' });
    const node = paragraph.firstChild as Text;
    const at = node.data.indexOf(passage);
    const rect = (from: number, to: number) => {
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y + r.height / 2, right: r.right };
    };
    return { first: rect(at, at + 1), last: rect(at + passage.length - 1, at + passage.length) };
  }, PASSAGE);
  await page.mouse.move(box.first.x + 1, box.first.y);
  await page.mouse.down();
  await page.mouse.move((box.first.x + box.last.right) / 2, box.last.y, { steps: 5 });
  await page.mouse.move(box.last.right - 1, box.last.y, { steps: 5 });
  await page.mouse.up();
  expect(await page.evaluate(() => document.getSelection()!.toString())).toBe(PASSAGE);

  // Next to the end of the selection, and next in the tab order.
  const button = page.getByRole('button', { name: 'Reply quoting this' });
  await button.waitFor();
  const placed = (await button.boundingBox())!;
  expect(Math.abs(placed.x + placed.width - box.last.right)).toBeLessThan(4);
  expect(placed.y).toBeGreaterThan(box.last.y);
  await expectNoAxeViolations(page, 'the article with "Reply quoting this"');
  await tabTo(page, button, 3);
  await page.keyboard.press('Enter');

  // The form quotes the passage, and the Comment field has focus.
  const form = bottomForm(page);
  const quoting = page.getByRole('group', { name: 'Quoting the article' });
  await quoting.waitFor();
  expect(await quoting.locator('blockquote').innerText()).toBe(PASSAGE);
  await expect.poll(() => isFocused(form.comment), { message: 'focus in Comment' }).toBe(true);
  expect(await button.count()).toBe(0);
  await expectNoAxeViolations(page, 'the form quoting the article');

  const author = unique('Quoting reader');
  await form.comment.fill('Twice elected, and still jailed.');
  await form.name.fill(author);
  await form.email.fill('quoting@example.com');
  await form.submit.click();
  const comment = page.getByRole('article', { name: author });
  await comment.waitFor();
  expect(await comment.locator('blockquote').innerText()).toBe(PASSAGE);

  // The article counts it, in the margin beside the paragraph, linking to the comment
  // (once the server has answered: until then the comment is shown without its id).
  await expect.poll(() => comment.getAttribute('id'), { timeout: 10_000 }).toMatch(/^comment-\d+$/);
  const commentId = await comment.getAttribute('id');
  const count = page.getByRole('link', { name: '1 comment quotes this' });
  await count.waitFor();
  expect(await count.getAttribute('href')).toBe(`#${commentId}`);
  const body = (await page.locator('.article-body').boundingBox())!;
  expect((await count.boundingBox())!.x).toBeGreaterThan(body.x + body.width);

  // "In the article": scrolled to, and highlighted.
  const link = comment.getByRole('link', { name: 'In the article' });
  expect(await link.getAttribute('href')).toMatch(/^#:~:text=/);
  await link.click();
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('quoted-passage')?.size ?? 0)).toBe(1);
  const highlighted = await page.evaluate(() => [...CSS.highlights.get('quoted-passage')!][0].toString());
  expect(highlighted).toBe(PASSAGE);
  await expect
    .poll(() =>
      page.evaluate(() => {
        const rect = ([...CSS.highlights.get('quoted-passage')!][0] as Range).getBoundingClientRect();
        return rect.top >= 0 && rect.bottom <= window.innerHeight;
      }),
    )
    .toBe(true);
  await page.getByText('The passage is highlighted in the article.').waitFor({ state: 'attached' });
  await expectNoAxeViolations(page, 'the highlighted passage');
  await new Promise((done) => setTimeout(done, 600)); // the smooth scroll settles
  mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'docs/screenshots/quote.png') });
  await comment.screenshot({ path: join(ROOT, 'docs/screenshots/quote-comment.png') });
  expect(await describeFocus(page)).toContain('In the article');
});
