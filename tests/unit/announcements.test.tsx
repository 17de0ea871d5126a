// What screen readers hear: the loading placeholders and the required-fields note.
import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { renderApp, SLUG } from './render-app';

test('the loading placeholder announces what is loading in its text', async () => {
  await renderApp(`/articles/${SLUG}`, { latencyMs: 40 });
  expect(await screen.findByRole('status')).toHaveTextContent('Loading article…');
});

test('the required-fields note says "with an asterisk" to screen readers', async () => {
  await renderApp(`/articles/${SLUG}`);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  const note = within(form).getByText(/Required fields are marked/);
  const words = within(note).getByText('with an asterisk');
  expect(words.closest('[aria-hidden="true"]')).toBeNull();
});
