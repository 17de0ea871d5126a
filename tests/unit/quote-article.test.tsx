// Quoting the article on the real reader over the mock: select a passage, "Reply quoting
// this", post; the comment shows the passage with "In the article", and the article says
// how many comments quote it. jsdom has no layout and no CSS.highlights: the tests check
// what they decide (the links, the passage found, focus), the browser test the rest.
import { act, screen, waitFor, within } from '@testing-library/react';
import { expect, onTestFinished, test, vi } from 'vitest';
import type { TextQuote } from '../../src/contract/text-quote';
import { renderApp, renderAt, setupBackend, SLUG } from './render-app';

const PATH = `/articles/${SLUG}`;
const PASSAGE = 'Ales Bialiatski, founder of the Belarusian Human Rights Center Viasna';
const TOP_DRAFT = `colloquy:draft:${SLUG}:top`;

const articleBody = () => document.querySelector('.article-body')!;
const politeRegion = () => document.querySelector('#comments [role="status"][aria-live="polite"]');

/** Selects `text` in the article as a reader would, and waits for "Reply quoting this". */
async function selectInArticle(text: string) {
  const paragraph = [...articleBody().querySelectorAll('p')].find((p) => p.textContent!.includes(text))!;
  const node = paragraph.firstChild as Text;
  const at = node.data.indexOf(text);
  return waitFor(() => {
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    act(() => {
      document.dispatchEvent(new Event('selectionchange'));
      document.dispatchEvent(new Event('pointerup'));
    });
    return screen.getByRole('button', { name: 'Reply quoting this' });
  });
}

async function fillAndPost(form: HTMLElement, user: ReturnType<typeof renderAt>['user'], body: string) {
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Quinn');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'quinn@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), body);
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));
}

test('select, "Reply quoting this", post: the comment shows the passage and links to it; the article counts it', async () => {
  const { user, backend } = await renderApp(PATH);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  // Nothing selected, nothing offered.
  expect(screen.queryByRole('button', { name: 'Reply quoting this' })).toBeNull();

  const button = await selectInArticle(PASSAGE);
  // After the article in the tab order (Tab from the selection reaches it before the discussion).
  expect(button.compareDocumentPosition(articleBody()) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
  expect(button.compareDocumentPosition(screen.getByRole('heading', { level: 2, name: /Responses|Response/ })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  await user.click(button);

  // The form has the passage above the Comment field, and focus is in Comment.
  const quoting = await within(form).findByRole('group', { name: 'Quoting the article' });
  expect(quoting).toHaveTextContent(PASSAGE);
  expect(within(quoting).getByRole('button', { name: 'Remove quote' })).toBeInTheDocument();
  const comment = within(form).getByRole('textbox', { name: 'Comment' });
  await waitFor(() => expect(comment).toHaveFocus());
  expect(quoting.compareDocumentPosition(comment) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  // The button has done its job.
  expect(screen.queryByRole('button', { name: 'Reply quoting this' })).toBeNull();

  await fillAndPost(form, user, 'He deserved better.');
  await screen.findByText('Your comment was posted.');
  const [posted] = (await backend.service.listQuotes(SLUG)).quotes;
  expect(posted.quote.exact).toBe(PASSAGE);
  expect(posted.quote.prefix).toMatch(/Its biggest target so far has been$/);
  expect(within(form).queryByRole('group', { name: 'Quoting the article' })).toBeNull();

  // The comment: the passage above its text, and "In the article" as a text fragment link.
  const article = await screen.findByRole('article', { name: 'Quinn' });
  expect(article).toHaveAttribute('id', `comment-${posted.commentId}`);
  const blockquote = article.querySelector('blockquote')!;
  expect(blockquote).toHaveTextContent(PASSAGE);
  expect(blockquote.compareDocumentPosition(within(article).getByText('He deserved better.')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  const link = await within(article).findByRole('link', { name: 'In the article' });
  expect(link).toHaveAttribute('href', '#:~:text=been-,Ales%20Bialiatski%2C%20founder%20of,Human%20Rights%20Center%20Viasna,-and');

  // Followed with script: the passage itself is marked (selected, as CSS.highlights is missing here).
  await user.click(link);
  await waitFor(() => expect(document.getSelection()!.toString()).toBe(PASSAGE));
  expect(articleBody()).toContainElement(document.getSelection()!.anchorNode!.parentElement);
  await waitFor(() => expect(politeRegion()).toHaveTextContent('The passage is highlighted in the article.'));

  // The article: how many comments quote the paragraph, leading to the comment.
  const count = await screen.findByRole('link', { name: '1 comment quotes this' });
  expect(count).toHaveAttribute('href', `#comment-${posted.commentId}`);
  expect(count).toHaveAccessibleDescription(/^Beside: “Its biggest target so far/);
});

test('two comments quoting one paragraph: a disclosure lists them by author', async () => {
  const { backend } = await setupBackend();
  const quote = (exact: string): TextQuote => ({ exact, prefix: '', suffix: '' });
  const post = (author: string, exact: string) =>
    backend.service.postComment(SLUG, { author, email: `${author}@example.com`, body: `On ${exact}`, quote: quote(exact) }, { clientKey: author });
  const ada = (await post('Ada', 'Homo Homini Award')).comment;
  const ben = (await post('Ben', 'Per Anger Prize')).comment;
  const { user } = renderAt(PATH);

  const toggle = await screen.findByRole('button', { name: '2 comments quote this' });
  expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await user.click(toggle);
  expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const list = document.getElementById(toggle.getAttribute('aria-controls')!)!;
  expect(within(list).getByRole('link', { name: 'Quoted by Ada' })).toHaveAttribute('href', `#comment-${ada.id}`);
  expect(within(list).getByRole('link', { name: 'Quoted by Ben' })).toHaveAttribute('href', `#comment-${ben.id}`);
});

test('a quote the article no longer has is shown plain, without a link, and not counted', async () => {
  const { backend } = await setupBackend();
  await backend.service.postComment(
    SLUG,
    { author: 'Cleo', email: 'cleo@example.com', body: 'Quoted before the edit.', quote: { exact: 'Homo Homini Award', prefix: '', suffix: '' } },
    { clientKey: 'cleo' },
  );
  await backend.service.postComment(
    SLUG,
    { author: 'Dev', email: 'dev@example.com', body: 'Quoted and still there.', quote: { exact: 'Per Anger Prize', prefix: '', suffix: '' } },
    { clientKey: 'dev' },
  );
  const record = (await backend.store.findArticle(SLUG))!;
  const content = JSON.parse(JSON.stringify(record.content).replace('Homo Homini Award', 'Homo Homini prize')) as typeof record.content;
  await backend.store.saveArticle({ ...record, content });
  renderAt(PATH);

  const article = await screen.findByRole('article', { name: 'Cleo' });
  expect(article.querySelector('blockquote')).toHaveTextContent('Homo Homini Award');
  await waitFor(() => expect(within(article).queryByRole('link', { name: 'In the article' })).toBeNull());
  // The one still there keeps its link, and is the only one the article counts.
  const kept = screen.getByRole('article', { name: 'Dev' });
  expect(within(kept).getByRole('link', { name: 'In the article' })).toBeInTheDocument();
  const count = await screen.findByRole('link', { name: '1 comment quotes this' });
  expect(count).toHaveAttribute('href', `#${kept.id}`);
});

test('the quote travels with the draft: a reload keeps it, Remove quote takes it out', async () => {
  await setupBackend();
  const first = renderAt(PATH);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  await first.user.click(await selectInArticle(PASSAGE));
  await within(form).findByRole('group', { name: 'Quoting the article' });
  await first.user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Half written');
  expect(JSON.parse(localStorage.getItem(TOP_DRAFT)!).quote.exact).toBe(PASSAGE);
  first.closeTab();

  const again = renderAt(PATH);
  const reloaded = await screen.findByRole('form', { name: 'Leave a Reply' });
  const quoting = await within(reloaded).findByRole('group', { name: 'Quoting the article' });
  expect(quoting).toHaveTextContent(PASSAGE);
  expect(within(reloaded).getByRole('textbox', { name: 'Comment' })).toHaveValue('Half written');

  await again.user.click(within(quoting).getByRole('button', { name: 'Remove quote' }));
  expect(within(reloaded).queryByRole('group', { name: 'Quoting the article' })).toBeNull();
  expect(within(reloaded).getByRole('textbox', { name: 'Comment' })).toHaveFocus();
  expect(JSON.parse(localStorage.getItem(TOP_DRAFT)!)).not.toHaveProperty('quote');
});

test('posted offline, the quote waits in the outbox and goes with the comment', async () => {
  const { user, backend } = await renderApp(PATH);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  await user.click(await selectInArticle(PASSAGE));
  await within(form).findByRole('group', { name: 'Quoting the article' });

  const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
  onTestFinished(() => online.mockRestore());
  act(() => window.dispatchEvent(new Event('offline')));
  await fillAndPost(form, user, 'Sent from a tunnel.');
  await screen.findByText('Waiting for a connection…');
  const [kept] = Object.keys(localStorage).filter((key) => key.startsWith('colloquy:outbox:'));
  expect(JSON.parse(localStorage.getItem(kept)!).input.quote.exact).toBe(PASSAGE);

  online.mockReturnValue(true);
  act(() => window.dispatchEvent(new Event('online')));
  await screen.findByText('Your comment was posted.');
  expect((await backend.service.listQuotes(SLUG)).quotes.map((q) => q.quote.exact)).toEqual([PASSAGE]);
  expect(await screen.findByRole('link', { name: '1 comment quotes this' })).toBeInTheDocument();
});

test('a passage the article no longer has: the server refuses it next to the quote, with focus there', async () => {
  await setupBackend();
  // A draft from before the article changed.
  const quote: TextQuote = { exact: 'words this article never had', prefix: '', suffix: '' };
  localStorage.setItem(TOP_DRAFT, JSON.stringify({ author: 'Dana', email: 'dana@example.com', url: '', body: 'Old draft.', quote, idempotencyKey: 'quote-draft-key-0001' }));
  const { user } = renderAt(PATH);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  const quoting = await within(form).findByRole('group', { name: 'Quoting the article' });
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));

  const remove = within(quoting).getByRole('button', { name: 'Remove quote' });
  await waitFor(() => expect(remove).toHaveFocus());
  expect(remove).toHaveAccessibleDescription('This passage is not in the article (any more). Remove the quote, or select it again.');
  expect(screen.queryByRole('article', { name: 'Dana' })).toBeNull();
});

test('closed comments: selecting offers no "Reply quoting this"', async () => {
  const { backend } = await setupBackend();
  const record = (await backend.store.findArticle(SLUG))!;
  await backend.store.saveArticle({ ...record, commentsOpen: false });
  renderAt(PATH);
  await screen.findByText('Comments are closed.');
  await expect(selectInArticle(PASSAGE)).rejects.toThrow();
});
