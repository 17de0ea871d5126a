// Formatted articles and comments on the page: what the server prepared is
// what the reader sees, the preview shows exactly what will be posted, and a
// closed article keeps its thread but takes no new comments.
import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { articleMarkdownToRich } from '../../src/domain/content/article-source';
import { commentMarkdownToRich } from '../../src/domain/content/comment-markdown';
import { importComment } from '../../src/domain/import-comment';
import { testArticle } from '../support/articles';
import { renderApp, renderAt, setupBackend, SLUG } from './render-app';

const MARKDOWN = [
  '**Strong** words and a [link](https://example.net/a).',
  '',
  '> A quoted line',
  '',
  '1. first',
  '2. second',
  '',
  '<script>alert(1)</script> and [bad](javascript:alert(1))',
].join('\n');

test('Preview shows exactly what will be posted, formatted, with raw HTML as text', async () => {
  const { user } = await renderApp(`/articles/${SLUG}`);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Previewer');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'preview@example.org');
  const comment = within(form).getByRole('textbox', { name: 'Comment' });
  await user.click(comment);
  await user.paste(MARKDOWN);

  const previewButton = within(form).getByRole('button', { name: 'Preview' });
  expect(previewButton).toHaveAttribute('aria-pressed', 'false');
  await user.click(previewButton);
  expect(previewButton).toHaveAttribute('aria-pressed', 'true');
  const preview = await within(form).findByRole('region', { name: 'Preview' });
  await waitFor(() => expect(within(preview).getByText('Strong').tagName).toBe('STRONG'));
  expect(within(preview).getByRole('link', { name: 'link' })).toHaveAttribute('rel', 'nofollow ugc noopener');
  expect(within(preview).getByRole('list')).toBeInstanceOf(HTMLOListElement);
  expect(within(preview).getByText(/<script>alert\(1\)<\/script> and/)).toBeInTheDocument();
  expect(within(preview).getByText('bad')).not.toHaveAttribute('href');
  expect(preview.querySelector('script')).toBeNull();

  // Typing on updates the preview.
  await user.type(comment, ' More.');
  await waitFor(() => expect(preview).toHaveTextContent(/More\.$/));
  const previewed = preview.querySelector('.comment-body')!.innerHTML;

  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  const posted = await screen.findByRole('article', { name: 'Previewer' });
  await waitFor(() => expect(within(posted).queryByText('Posting…')).not.toBeInTheDocument());
  expect(posted.querySelector('.comment-body')!.innerHTML).toBe(previewed);
});

test('an article shows its formatting: headings, lists, tables and images with their alt text', async () => {
  const { backend } = await setupBackend();
  const content = articleMarkdownToRich(
    '## Section\n\nText with <abbr title="HyperText Markup Language">HTML</abbr>.\n\n3. three\n4. four\n\n| Name | Age |\n|---|---|\n| Ann | 30 |\n\n![A red kite](https://media.example/kite.jpg)\n\n```\n  indented\n```\n',
  );
  await backend.store.saveArticle(testArticle('formatted', { title: 'Formatted', content }));
  renderAt('/articles/formatted');
  const article = await screen.findByRole('article', { name: 'Formatted' });
  expect(within(article).getByRole('heading', { level: 2, name: 'Section' })).toBeInTheDocument();
  expect(within(article).getByTitle('HyperText Markup Language')).toHaveTextContent('HTML');
  expect(within(article).getByRole('list')).toHaveAttribute('start', '3');
  expect(within(article).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Name', 'Age']);
  expect(within(article).getByRole('img', { name: 'A red kite' })).toHaveAttribute('src', 'https://media.example/kite.jpg');
  expect(article.querySelector('pre')!.textContent).toBe('  indented\n');
});

test('a closed article shows its thread and "Comments are closed." instead of any form', async () => {
  const { backend } = await setupBackend();
  const article = await backend.store.saveArticle(testArticle('closed', { title: 'Closed', commentsOpen: false }));
  await importComment(backend.store, 'secret', {
    articleId: article.id,
    parentId: null,
    author: 'Old Hand',
    email: 'old@example.org',
    url: null,
    body: 'From **before**.',
    content: commentMarkdownToRich('From **before**.'),
    byArticleAuthor: true,
    createdAt: '2020-01-02T00:00:00.000Z',
    status: 'approved',
    key: 'test:closed:1',
  });
  renderAt('/articles/closed');
  const comment = await screen.findByRole('article', { name: 'Old Hand' });
  expect(within(comment).getByText('before').tagName).toBe('STRONG');
  // WordPress's bypostauthor: the article's author is marked in the thread.
  expect(within(comment).getByText('Author')).toBeInTheDocument();
  expect(screen.getByText('Comments are closed.')).toBeInTheDocument();
  expect(screen.queryByRole('form')).not.toBeInTheDocument();
  expect(within(comment).queryByRole('button', { name: /Reply/ })).not.toBeInTheDocument();
});

test('a closed article without comments says only that comments are closed', async () => {
  const { backend } = await setupBackend();
  await backend.store.saveArticle(testArticle('closed-empty', { title: 'Closed and empty', commentsOpen: false }));
  renderAt('/articles/closed-empty');
  expect(await screen.findByRole('heading', { level: 2, name: 'No responses' })).toBeInTheDocument();
  expect(screen.getByText('Comments are closed.')).toBeInTheDocument();
  expect(screen.queryByText('Be the first to reply.')).not.toBeInTheDocument();
});
