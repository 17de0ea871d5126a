import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { formatCommentDate } from '../../src/client/lib/format-date';
import seed from '../../src/content/seed-article.json';
import { renderApp, SLUG, TITLE } from './render-app';

test('the reader shows the article and its two numbered comments', async () => {
  await renderApp(`/articles/${SLUG}`);
  const article = await screen.findByRole('article', { name: TITLE });
  expect(within(article).getByRole('heading', { level: 1 })).toHaveTextContent(TITLE);
  expect(within(article).getByText('November 28, 2011')).toHaveAttribute('datetime', seed.article.publishedAt);
  const paragraphs = [...article.querySelectorAll('.article-body p')].map((p) => p.textContent);
  expect(paragraphs).toEqual(seed.article.paragraphs);
  expect(document.title).toBe(`${TITLE} – Colloquy`);

  expect(await screen.findByRole('heading', { level: 2, name: `2 Responses to “${TITLE}”` })).toBeInTheDocument();
  const list = document.querySelector('ol.comment-list')!;
  const items = [...list.children];
  expect(items).toHaveLength(2);
  expect(list.tagName).toBe('OL');

  const first = screen.getByRole('article', { name: 'Daniel Whitfield' });
  expect(items[0]).toContainElement(first);
  expect(first).toHaveAttribute('id', 'comment-1');
  expect(within(first).getByRole('button', { name: 'Reply to Daniel Whitfield' })).toBeInTheDocument();
  // Years old: the date itself (in the reader's zone), not "15 years ago" with the date hidden in a tooltip.
  const permalink = within(first).getByRole('link', { name: formatCommentDate('2011-12-02T18:12:00.000Z') });
  expect(permalink).toHaveAttribute('href', `/articles/${SLUG}#comment-1`);
  expect(permalink).toHaveTextContent(/^December \d+, 2011 at \d+:\d\d\s[ap]m$/);
  expect(first.querySelector('time')).toHaveAttribute('datetime', '2011-12-02T18:12:00.000Z');

  const second = screen.getByRole('article', { name: 'Maria Lopez' });
  expect(items[1]).toContainElement(second);
  const bodyParagraphs = [...second.querySelectorAll('.comment-body p')].map((p) => p.textContent);
  expect(bodyParagraphs).toEqual(seed.comments[1]!.body.split('\n\n'));
  const authorLink = within(second).getByRole('link', { name: 'Maria Lopez' });
  expect(authorLink).toHaveAttribute('href', 'https://example.org/maria');
  expect(authorLink).toHaveAttribute('rel', 'nofollow ugc noopener');
  expect(within(first).queryByRole('link', { name: 'Daniel Whitfield' })).not.toBeInTheDocument();
});

test('an unknown slug shows the not-found page', async () => {
  await renderApp('/articles/no-such-article');
  expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Go to the front page' })).toBeInTheDocument();
  expect(document.title).toBe('Page not found – Colloquy');
});
