// The admin page at /admin on the MSW mock: signing in with the admin token,
// the tabs with their counts, search, and every action optimistic with Undo
// (a delete sent only once its Undo is gone), bulk actions, closing an
// article's comments, and what a failure looks like.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, expect, test, vi } from 'vitest';
import { render as renderOnServer } from '../../src/client/entry-server';
import { ADMIN_PAGE_SIZE } from '../../src/contract/admin';
import { createMockBackend } from '../../src/mocks/mock-backend';
import { DEMO_ADMIN_TOKEN } from '../../src/mocks/demo-admin';
import type { MockControls } from '../../src/mocks/handlers';
import { server } from './msw-server';
import { renderAt, SLUG, TITLE } from './render-app';

beforeAll(async () => {
  // The page's own chunk, loaded up front so no test ends while it is still loading.
  await import('../../src/client/features/admin/components/admin-page');
});

afterEach(() => {
  vi.useRealTimers();
});

const PENDING = [
  { author: 'Alice', email: 'alice@example.com', text: 'First held comment about rights.' },
  { author: 'Bob', email: 'bob@example.org', text: 'Second held comment, with a question.' },
  { author: 'Carol', email: 'carol@example.net', text: 'Third held comment: buy cheap watches.' },
];

async function setup(service: { closeCommentsAfterDays?: number } = {}, pending = PENDING) {
  const controls: MockControls = { fail: 'none', latencyMs: 0 };
  const backend = await createMockBackend({ controls: () => controls, service: { moderation: true, ...service }, adminToken: DEMO_ADMIN_TOKEN });
  server.use(...backend.handlers);
  for (const [index, { author, email, text }] of pending.entries()) {
    await backend.service.postComment(SLUG, { author, email, body: text, url: index === 0 ? 'https://alice.example' : '' }, { clientKey: `client-${index}` });
  }
  return { controls, backend, ...renderAt('/admin') };
}

type App = Awaited<ReturnType<typeof setup>>;

async function signIn(app: App) {
  await app.user.type(await screen.findByLabelText('Admin token'), DEMO_ADMIN_TOKEN);
  await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByRole('tab', { name: /^Pending \(\d+\)$/ });
}

const statusOf = async (app: App, author: string) => {
  const { comments } = await app.backend.service.adminListComments({ status: 'pending', search: author, page: 1 });
  if (comments.length) return 'pending';
  for (const status of ['approved', 'spam'] as const) {
    const page = await app.backend.service.adminListComments({ status, search: author, page: 1 });
    if (page.comments.length) return status;
  }
  return 'gone';
};

const row = (author: string) => screen.getByRole('listitem', { name: author });

test('the server renders /admin as a shell titled "Moderation", kept out of search engines', () => {
  const result = renderOnServer('/admin', {});
  expect(result.status).toBe(200);
  expect(result.title).toBe('Moderation – Colloquy');
  expect(result.noindex).toBe(true);
  expect(result.html).toContain('<h1 class="page-title">Moderation</h1>');
  // The page itself comes after hydration: nothing of it, and no token, in the server's HTML.
  expect(result.html).not.toContain('Admin token');
  expect(renderOnServer('/', {}).noindex).toBe(false);
});

test('signing in: a wrong token is refused next to the field, which keeps the focus; the right one is kept for this tab only', async () => {
  const app = await setup();
  // On the mock, the demo says its token.
  expect(await screen.findByText(DEMO_ADMIN_TOKEN)).toBeVisible();
  const field = screen.getByLabelText('Admin token');
  expect(field).toHaveAttribute('type', 'password');

  await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(field).toHaveAccessibleDescription(expect.stringContaining('Enter the admin token.'));
  expect(field).toHaveFocus();

  await app.user.type(field, 'not-the-token');
  await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
  await waitFor(() => expect(field).toHaveAccessibleDescription(expect.stringContaining('This is not the admin token.')));
  expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(field).toHaveFocus();
  expect(sessionStorage.length).toBe(0);

  await app.user.clear(field);
  await signIn(app);
  expect(screen.getByRole('tab', { name: 'Pending (3)' })).toHaveAttribute('aria-selected', 'true');
  // Kept in sessionStorage only, never in the address.
  expect(JSON.stringify({ ...sessionStorage })).toContain(DEMO_ADMIN_TOKEN);
  expect(JSON.stringify({ ...localStorage })).not.toContain(DEMO_ADMIN_TOKEN);
  expect(window.location.href).not.toContain(DEMO_ADMIN_TOKEN);
  // The rules came with the sign-in.
  expect(screen.getByRole('heading', { name: 'Rules' })).toBeVisible();
  expect(screen.getByText('On: every comment waits for a moderator')).toBeVisible();

  await app.user.click(screen.getByRole('button', { name: 'Sign out' }));
  expect(await screen.findByLabelText('Admin token')).toBeVisible();
  expect(sessionStorage.length).toBe(0);
});

test('too many wrong tokens: the wait is said', async () => {
  const app = await setup();
  const field = await screen.findByLabelText('Admin token');
  for (let i = 0; i < 10; i++) {
    await app.user.clear(field);
    await app.user.type(field, `wrong-${i}`);
    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
  }
  await app.user.clear(field);
  await app.user.type(field, DEMO_ADMIN_TOKEN);
  await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
  await waitFor(() => expect(field).toHaveAccessibleDescription(expect.stringMatching(/Too many wrong tokens from here\. Try again in \d+ minutes\./)));
});

test('a server that is down is said at sign-in', async () => {
  const app = await setup();
  app.controls.fail = 'all';
  await app.user.type(await screen.findByLabelText('Admin token'), DEMO_ADMIN_TOKEN);
  await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
  await waitFor(() => expect(screen.getByLabelText('Admin token')).toHaveAccessibleDescription(expect.stringContaining('The server is not answering right now.')));
});

test('tabs with counts, newest first across articles, every detail of a comment, arrow keys between tabs', async () => {
  const app = await setup();
  await signIn(app);
  const panel = screen.getByRole('tabpanel', { name: 'Pending (3)' });
  const rows = within(panel).getAllByRole('listitem');
  expect(rows.map((r) => r.getAttribute('aria-labelledby') && within(r).getByText(/^(Alice|Bob|Carol)$/).textContent)).toEqual(['Carol', 'Bob', 'Alice']);
  const alice = row('Alice');
  expect(within(alice).getByRole('link', { name: 'alice@example.com' })).toHaveAttribute('href', 'mailto:alice@example.com');
  expect(within(alice).getByRole('link', { name: 'alice.example' })).toHaveAttribute('href', 'https://alice.example');
  expect(within(alice).getByText('First held comment about rights.')).toBeVisible();
  expect(within(alice).getByRole('link', { name: TITLE })).toHaveAttribute('href', expect.stringMatching(new RegExp(`^/articles/${SLUG}#comment-\\d+$`)));
  expect(within(alice).getByText(/Client hash:/)).toBeVisible();
  expect(within(alice).getByRole('button', { name: 'Approve comment by Alice' })).toBeVisible();

  // Keyboard: the selected tab is the one in the Tab order; arrows move and show.
  const approvedCount = (await app.backend.service.adminListComments({ status: 'approved', search: '', page: 1 })).counts.approved;
  screen.getByRole('tab', { name: 'Pending (3)' }).focus();
  await app.user.keyboard('{ArrowRight}');
  const approved = screen.getByRole('tab', { name: `Approved (${approvedCount})` });
  expect(approved).toHaveFocus();
  expect(approved).toHaveAttribute('aria-selected', 'true');
  await waitFor(() => expect(screen.getByRole('tabpanel', { name: `Approved (${approvedCount})` })).not.toHaveTextContent('Alice'));
  await app.user.keyboard('{End}');
  expect(screen.getByRole('tab', { name: 'Spam (0)' })).toHaveFocus();
  expect(await screen.findByText('No spam comments.')).toBeVisible();
  await app.user.keyboard('{ArrowRight}');
  expect(screen.getByRole('tab', { name: 'Pending (3)' })).toHaveFocus();
});

test('search finds comments by text, author or email, and the counts follow', async () => {
  const app = await setup();
  await signIn(app);
  await app.user.type(screen.getByRole('searchbox', { name: 'Search comments' }), 'BOB@example');
  await app.user.click(screen.getByRole('button', { name: 'Search' }));
  expect(await screen.findByRole('tab', { name: 'Pending (1)' })).toBeVisible();
  expect(within(screen.getByRole('tabpanel')).getAllByRole('listitem')).toHaveLength(1);
  expect(row('Bob')).toBeVisible();

  await app.user.clear(screen.getByRole('searchbox', { name: 'Search comments' }));
  await app.user.type(screen.getByRole('searchbox', { name: 'Search comments' }), 'watches{Enter}');
  await waitFor(() => expect(within(screen.getByRole('tabpanel')).getAllByRole('listitem').map((r) => r.textContent)).toEqual([expect.stringContaining('Carol')]));
  await app.user.click(screen.getByRole('button', { name: 'Show all comments' }));
  expect(await screen.findByRole('tab', { name: 'Pending (3)' })).toBeVisible();
});

test('approve is shown at once, moves focus to the next row, and Undo puts the comment back in Pending', async () => {
  const app = await setup();
  await signIn(app);
  await app.user.click(within(row('Bob')).getByRole('button', { name: 'Approve comment by Bob' }));
  await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Bob' })).not.toBeInTheDocument());
  expect(screen.getByText('Approved the comment by Bob.')).toBeVisible();
  // Focus on the row that took its place, on the same action.
  await waitFor(() => expect(within(row('Alice')).getByRole('button', { name: 'Approve comment by Alice' })).toHaveFocus());
  await waitFor(async () => expect(await statusOf(app, 'Bob')).toBe('approved'));
  expect(await screen.findByRole('tab', { name: 'Pending (2)' })).toBeVisible();

  await app.user.click(screen.getByRole('button', { name: 'Undo' }));
  expect(await screen.findByText('Undone: the comment by Bob is back in Pending.')).toBeVisible();
  // The button went with the focus on it: the focus stays on the words, not at the page's start.
  expect(screen.getByText('Undone: the comment by Bob is back in Pending.')).toHaveFocus();
  expect(await screen.findByRole('listitem', { name: 'Bob' })).toBeVisible();
  await waitFor(async () => expect(await statusOf(app, 'Bob')).toBe('pending'));
  expect(await screen.findByRole('tab', { name: 'Pending (3)' })).toBeVisible();
});

test('bulk: select all and mark as spam', async () => {
  const app = await setup();
  await signIn(app);
  await app.user.click(within(row('Alice')).getByRole('checkbox', { name: 'Select comment by Alice' }));
  expect(screen.getByRole('checkbox', { name: 'Select all' })).toHaveProperty('indeterminate', true);
  await app.user.click(screen.getByRole('checkbox', { name: 'Select all' }));
  expect(screen.getByText('3 selected')).toBeVisible();
  await app.user.click(screen.getByRole('button', { name: 'Mark selected as spam' }));
  expect(await screen.findByText('Marked 3 comments as spam.')).toBeVisible();
  expect(await screen.findByText('No pending comments.')).toBeVisible();
  await waitFor(async () => expect(await Promise.all(PENDING.map((c) => statusOf(app, c.author)))).toEqual(['spam', 'spam', 'spam']));
  expect(await screen.findByRole('tab', { name: 'Spam (3)' })).toBeVisible();
  await app.user.click(screen.getByRole('tab', { name: 'Spam (3)' }));
  expect(await screen.findByRole('button', { name: 'Restore comment by Carol' })).toBeVisible();
});

test('delete is sent only when its Undo is gone: Undo keeps the comment, and the time running out deletes it', async () => {
  const app = await setup();
  await signIn(app);
  await app.user.click(within(row('Carol')).getByRole('button', { name: 'Delete comment by Carol' }));
  expect(screen.queryByRole('listitem', { name: 'Carol' })).not.toBeInTheDocument();
  expect(screen.getByText('Deleted the comment by Carol.')).toBeVisible();
  expect(screen.getByRole('tab', { name: 'Pending (2)' })).toBeVisible();
  // Nothing sent yet.
  expect(await statusOf(app, 'Carol')).toBe('pending');
  await app.user.click(screen.getByRole('button', { name: 'Undo' }));
  expect(await screen.findByRole('listitem', { name: 'Carol' })).toBeVisible();
  expect(screen.getByText('Undone: the comment by Carol is back in Pending.')).toBeVisible();
  expect(await statusOf(app, 'Carol')).toBe('pending');

  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
  await app.user.click(within(row('Carol')).getByRole('button', { name: 'Delete comment by Carol' }));
  expect(await statusOf(app, 'Carol')).toBe('pending');
  await vi.advanceTimersByTimeAsync(8_000);
  await waitFor(async () => expect(await statusOf(app, 'Carol')).toBe('gone'));
  expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  expect(screen.queryByRole('listitem', { name: 'Carol' })).not.toBeInTheDocument();
  expect(screen.getByRole('tab', { name: 'Pending (2)' })).toBeVisible();
});

test('a delete waiting for its Undo is sent at once when the page goes away', async () => {
  const app = await setup();
  await signIn(app);
  await app.user.click(within(row('Alice')).getByRole('button', { name: 'Delete comment by Alice' }));
  expect(await statusOf(app, 'Alice')).toBe('pending');
  window.dispatchEvent(new Event('pagehide'));
  await waitFor(async () => expect(await statusOf(app, 'Alice')).toBe('gone'));
});

test('signing out with a delete waiting for its Undo sends it (with the token it was done with)', async () => {
  const app = await setup();
  await signIn(app);
  await app.user.click(within(row('Bob')).getByRole('button', { name: 'Delete comment by Bob' }));
  await app.user.click(screen.getByRole('button', { name: 'Sign out' }));
  expect(await screen.findByLabelText('Admin token')).toBeVisible();
  await waitFor(async () => expect(await statusOf(app, 'Bob')).toBe('gone'));
});

test('a failed action is said and the comment comes back', async () => {
  const app = await setup();
  await signIn(app);
  app.controls.fail = 'post';
  await app.user.click(within(row('Alice')).getByRole('button', { name: 'Approve comment by Alice' }));
  // Said in an alert region, so screen readers announce it.
  const said = await screen.findByText(/We could not approve the comment by Alice: .+ It is back in the list\./);
  expect(said.closest('[role="alert"]')).not.toBeNull();
  expect(await screen.findByRole('listitem', { name: 'Alice' })).toBeVisible();
  expect(screen.getByRole('tab', { name: 'Pending (3)' })).toBeVisible();
  expect(await statusOf(app, 'Alice')).toBe('pending');
});

test(`a tab shows ${ADMIN_PAGE_SIZE} comments a page, with buttons to older and newer ones`, async () => {
  const app = await setup();
  for (let i = 0; i < ADMIN_PAGE_SIZE - 2; i++) {
    await app.backend.service.postComment(SLUG, { author: `Reader ${i}`, email: `reader${i}@example.com`, body: `Held comment number ${i}.` }, { clientKey: `more-${i}` });
  }
  await signIn(app);
  expect(screen.getByRole('tab', { name: `Pending (${ADMIN_PAGE_SIZE + 1})` })).toBeVisible();
  expect(within(screen.getByRole('tabpanel')).getAllByRole('listitem')).toHaveLength(ADMIN_PAGE_SIZE);
  await app.user.click(screen.getByRole('button', { name: 'Older comments' }));
  // The oldest is alone on page 2.
  expect(await screen.findByText('Page 2')).toBeVisible();
  await waitFor(() => expect(within(screen.getByRole('tabpanel')).getAllByRole('listitem')).toHaveLength(1));
  expect(row('Alice')).toBeVisible();
  // The list has the focus (the button pressed is gone: there is no older page).
  expect(screen.getByRole('tabpanel')).toHaveFocus();
  await app.user.click(screen.getByRole('button', { name: 'Newer comments' }));
  await waitFor(() => expect(within(screen.getByRole('tabpanel')).getAllByRole('listitem')).toHaveLength(ADMIN_PAGE_SIZE));
});

test('an article older than CLOSE_COMMENTS_AFTER_DAYS says it is closed automatically', async () => {
  // Nothing can be posted there any more.
  const app = await setup({ closeCommentsAfterDays: 30 }, []);
  await signIn(app);
  const toggle = await screen.findByRole('switch', { name: `Comments open on “${TITLE}”` });
  // The demo article is from 2011: left open by the moderator, closed by its age.
  expect(toggle).toBeChecked();
  expect(toggle).toHaveAccessibleDescription('Closed automatically (older than 30 days)');
  expect(screen.getByText('30 days')).toBeVisible();
});

test('an article’s comments are closed from the Articles section', async () => {
  const app = await setup();
  await signIn(app);
  const toggle = await screen.findByRole('switch', { name: `Comments open on “${TITLE}”` });
  expect(toggle).toBeChecked();
  await app.user.click(toggle);
  expect(toggle).not.toBeChecked();
  await waitFor(async () => expect((await app.backend.service.getArticle(SLUG)).commentsOpen).toBe(false));
  expect(toggle).toHaveAccessibleDescription('Closed by a moderator');
});
