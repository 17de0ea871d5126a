import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { renderApp, SLUG, TITLE } from './render-app';

test('the front page lists the seed article with its comment count', async () => {
  await renderApp('/');
  const link = await screen.findByRole('link', { name: TITLE });
  expect(link).toHaveAttribute('href', `/articles/${SLUG}`);
  const summary = screen.getByRole('article', { name: TITLE });
  expect(within(summary).getByRole('link', { name: '2 Responses' })).toBeInTheDocument();
  expect(within(summary).getByText('November 28, 2011')).toHaveAttribute('datetime', '2011-11-28T15:30:00.000Z');
  expect(document.title).toBe('Colloquy');
});

test('an unknown route shows the not-found page with a link home', async () => {
  await renderApp('/no/such/page');
  expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Go to the front page' })).toHaveAttribute('href', '/');
});

test('a load error offers Try again and recovers', async () => {
  const { controls, user } = await renderApp(`/articles/${SLUG}`, { fail: 'read' });
  const retry = await screen.findByRole('button', { name: 'Try again' });
  expect(screen.getByText('We could not load this article.')).toBeInTheDocument();
  controls.fail = 'none';
  await user.click(retry);
  expect(await screen.findByRole('heading', { level: 1, name: TITLE })).toBeInTheDocument();
  expect(await screen.findByRole('heading', { level: 2, name: `2 Responses to “${TITLE}”` })).toBeInTheDocument();
});

test('following an article link opens the reader and moves focus to the new page', async () => {
  const { user } = await renderApp('/');
  await user.click(await screen.findByRole('link', { name: TITLE }));
  expect(await screen.findByRole('heading', { level: 1, name: TITLE })).toBeInTheDocument();
  expect(screen.getByRole('main')).toHaveFocus();
  await waitFor(() => expect(document.title).toBe(`${TITLE} – Colloquy`));
});
