import { hydrate, type DehydratedState } from '@tanstack/react-query';
import { act, screen } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { expect, test } from 'vitest';
import { App } from '../../src/client/app/app';
import { Providers } from '../../src/client/app/providers';
import { createQueryClient } from '../../src/client/app/query-client';
import { render } from '../../src/client/entry-server';
import { formatCommentDate } from '../../src/client/lib/format-date';
import { setupBackend, SLUG, TITLE } from './render-app';

test('the server renders an article with its title, description, cache and 200', async () => {
  const { backend } = await setupBackend();
  const article = await backend.service.getArticle(SLUG);
  const result = render(`/articles/${SLUG}`, { article });
  expect(result.status).toBe(200);
  expect(result.title).toBe(`${TITLE} – Colloquy`);
  expect(result.description).toBe(article.excerpt);
  expect(result.html).toContain(`<h1 id="article-title">${TITLE}</h1>`);
  expect((result.state as DehydratedState).queries[0].state.data).toMatchObject({ title: TITLE });
});

test('the server answers 404 for an unknown slug or route', () => {
  const slug = render('/articles/nope', {});
  expect(slug.status).toBe(404);
  expect(slug.html).toContain('Page not found');
  const route = render('/nowhere', {});
  expect(route.status).toBe(404);
  expect(route.title).toBe('Page not found – Colloquy');
});

test('the browser hydrates the server HTML without a mismatch, then loads the thread', async () => {
  const { backend } = await setupBackend();
  const url = `/articles/${SLUG}#comment-2`;
  const { html, state } = render(url, {
    article: await backend.service.getArticle(SLUG),
    comments: await backend.service.listCommentPage(SLUG, {}),
  });
  const container = document.body.appendChild(document.createElement('div'));
  container.innerHTML = html;
  const serverHeading = screen.getByRole('heading', { level: 1, name: TITLE });
  // The thread is in the server HTML, with plain dates (the server knows neither the reader's clock nor zone).
  const serverComment = screen.getByRole('article', { name: 'Maria Lopez' });
  expect(serverComment).toHaveTextContent(/January 25, 2012 at 9:41\sam UTC/);
  expect(serverComment).not.toHaveClass('is-highlighted');
  expect(screen.queryByRole('form')).not.toBeInTheDocument();
  // …but its place is kept, so the page does not grow when the form arrives.
  expect(container.querySelector('#comments > .form-placeholder')).toBeInTheDocument();

  // In the address bar, where the app reads it without a <Router>, as in main.tsx.
  window.history.replaceState(null, '', url);
  const queryClient = createQueryClient({ retry: false });
  // Through JSON, as the page carries it.
  hydrate(queryClient, JSON.parse(JSON.stringify(state)) as DehydratedState);
  const root = await act(async () =>
    hydrateRoot(
      container,
      <Providers queryClient={queryClient}>
        <App />
      </Providers>,
    ),
  );
  // Hydration reused the server's DOM instead of replacing it.
  expect(screen.getByRole('heading', { level: 1, name: TITLE })).toBe(serverHeading);
  expect(screen.getByRole('heading', { level: 2, name: `2 Responses to “${TITLE}”` })).toBeInTheDocument();
  // After hydration: the same DOM, now with the date in the reader's zone, the highlight and the form.
  expect(screen.getByRole('article', { name: 'Maria Lopez' })).toBe(serverComment);
  expect(serverComment).toHaveClass('is-highlighted');
  expect(serverComment.querySelector('time')).toHaveTextContent(formatCommentDate('2012-01-25T09:41:00.000Z').replace(/\s+/g, ' '));
  expect(serverComment).not.toHaveTextContent(/ago|UTC/);
  expect(await screen.findByRole('form', { name: 'Leave a Reply' })).toBeInTheDocument();
  act(() => root.unmount());
  container.remove();
});
