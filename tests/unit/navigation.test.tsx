// Moving from one article to another in the app starts the next one's
// discussion afresh: nothing typed under article A shows under article B.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { Router, useLocation } from 'wouter';
import { App } from '../../src/client/app/app';
import { Providers } from '../../src/client/app/providers';
import { createQueryClient } from '../../src/client/app/query-client';
import { getArticleQueryOptions } from '../../src/client/features/articles/api/get-article';
import { getCommentsQueryOptions } from '../../src/client/features/comments/api/get-comments';
import { locationAt, setupBackend, SLUG } from './render-app';
import { testArticle } from '../support/articles';

const OTHER = 'a-second-article';

function GoToOther() {
  const [, navigate] = useLocation();
  return (
    <button type="button" onClick={() => navigate(`/articles/${OTHER}`)}>
      Open the second article
    </button>
  );
}

test("article A's draft never shows in article B's form after client navigation", async () => {
  const { backend } = await setupBackend();
  await backend.store.saveArticle(
    testArticle(OTHER, { title: 'A Second Article', author: 'Editor', publishedAt: '2012-02-01T10:00:00.000Z', paragraphs: ['Another text.'] }),
  );
  // Read before (say, then back to A), so B shows at once without a loading state in between.
  const queryClient = createQueryClient({ retry: false });
  await queryClient.prefetchQuery(getArticleQueryOptions(OTHER));
  await queryClient.prefetchInfiniteQuery(getCommentsQueryOptions(OTHER, 1));
  const user = userEvent.setup();
  render(
    <Providers queryClient={queryClient}>
      <Router hook={locationAt(`/articles/${SLUG}`)}>
        <App />
        <GoToOther />
      </Router>
    </Providers>,
  );
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'About article A.');

  await user.click(screen.getByRole('button', { name: 'Open the second article' }));
  await screen.findByRole('heading', { level: 1, name: 'A Second Article' });
  const other = await screen.findByRole('form', { name: 'Leave a Reply' });
  expect(within(other).getByRole('textbox', { name: 'Comment' })).toHaveValue('');
  expect(localStorage.getItem(`colloquy:draft:${SLUG}:top`)).toContain('About article A.');
});
