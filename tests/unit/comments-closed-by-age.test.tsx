// CLOSE_COMMENTS_AFTER_DAYS as a reader meets it: an article older than that shows its
// thread and "Comments are closed." instead of the form (the demo article is from 2011).
import { screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { renderApp, SLUG, TITLE } from './render-app';

test('an article older than CLOSE_COMMENTS_AFTER_DAYS shows "Comments are closed." and no form', async () => {
  await renderApp(`/articles/${SLUG}`, { service: { closeCommentsAfterDays: 30 } });
  await screen.findByRole('heading', { level: 1, name: TITLE });
  expect(await screen.findByText('Comments are closed.')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: /^(Post Comment|Reply)/ })).not.toBeInTheDocument();
});

test('a younger article keeps its form', async () => {
  await renderApp(`/articles/${SLUG}`, { service: { closeCommentsAfterDays: 36_500 } });
  expect(await screen.findByRole('button', { name: 'Post Comment' })).toBeInTheDocument();
  expect(screen.queryByText('Comments are closed.')).not.toBeInTheDocument();
});
