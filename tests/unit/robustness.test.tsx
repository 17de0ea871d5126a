// The page survives what it cannot control: a malformed URL fragment, and any
// render error (which shows a readable message instead of a blank page).
import { render, screen } from '@testing-library/react';
import { expect, test, vi } from 'vitest';
import { ErrorBoundary } from '../../src/client/components/error-boundary';
import { renderApp, SLUG } from './render-app';

test('a malformed fragment such as #%E0 does not blank the reader', async () => {
  await renderApp(`/articles/${SLUG}#%E0`);
  expect(await screen.findByRole('form', { name: 'Leave a Reply' })).toBeInTheDocument();
  expect(screen.getByRole('article', { name: 'Maria Lopez' })).toBeInTheDocument();
});

test('a render error shows a readable message and a reload link', () => {
  // React and the boundary report the error on the console; that is expected here.
  vi.mocked(console.error).mockImplementation(() => {});
  function Broken(): never {
    throw new Error('boom');
  }
  render(
    <ErrorBoundary>
      <Broken />
    </ErrorBoundary>,
  );
  expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong');
  expect(screen.getByRole('link', { name: 'Reload the page' })).toHaveAttribute('href', '/');
});
