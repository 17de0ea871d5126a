// Unit test setup: jest-dom matchers, the MSW server (any request without a
// handler is an error), a clean DOM and localStorage per test, and no console.error.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { server } from './msw-server';

let errors: unknown[][] = [];

// jsdom has <dialog> but not its methods: just enough of them that a dialog shows (the open
// attribute, so its content is visible), takes focus and closes with its close event, as in a browser.
if (!HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
    this.querySelector<HTMLElement>('[autofocus], button, [href], input, select, textarea')?.focus();
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

// jsdom has no requestIdleCallback (Chromium has): an idle moment comes at once, as on an idle page.
if (typeof window.requestIdleCallback !== 'function') {
  window.requestIdleCallback = (callback) => window.setTimeout(() => callback({ didTimeout: false, timeRemaining: () => 50 }), 0);
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  // The app's lazily loaded chunks, loaded up front here: a test that ends while one is still
  // loading (the form is preloaded as soon as a thread shows) would otherwise have it load
  // after the test environment is torn down, which Vitest reports as an unhandled error.
  await Promise.all([
    import('../../src/client/features/comments/components/comment-form'),
    import('../../src/client/features/comments/components/unsent-comment'),
    import('../../src/client/features/comments/components/discussion-search'),
    import('../../src/client/features/comments/lib/tab-outbox'),
    import('../../src/domain/content/comment-markdown'),
    import('../../src/client/lib/response-schemas'),
    import('../../src/client/features/comments/components/keyboard-help'),
    import('../../src/client/features/comments/components/live-updates'),
    import('../../src/client/features/quotes/components/quote-tools'),
    import('../../src/client/features/quotes/lib/passage'),
  ]);
});

beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args);
    // Throw as well, so the failure points at the line that caused it.
    throw new Error(`console.error: ${args.map(String).join(' ')}`);
  });
});

afterEach(() => {
  cleanup();
  server.resetHandlers();
  localStorage.clear();
  sessionStorage.clear();
  vi.mocked(console.error).mockRestore();
  if (errors.length > 0) {
    throw new Error(`console.error was called during the test:\n${errors.map((args) => args.map(String).join(' ')).join('\n')}`);
  }
});

afterAll(() => server.close());
