// The admin page on the real server (SQLite, MODERATION=on), in Chromium: the
// server renders /admin as a shell (title "Moderation", noindex) that hydrates
// cleanly; a moderator signs in and approves a pending comment with the
// keyboard only, and it shows on the article. axe-clean signed out and in,
// light and dark; usable at 360 px. Takes docs/screenshots/admin.png.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { useBrowser } from './support/browser';
import { ARTICLE_PATH, expectNoAxeViolations, hasHorizontalScroll, isFocused, SLUG, tabTo, waitForReader } from './support/colloquy';
import { ROOT } from './support/paths';
import { useRealServer } from './support/real-server';

const ADMIN_TOKEN = 'e2e-admin-token-0123456789';
const harness = useBrowser();
// Behind a (pretend) proxy, each reader posting from an address of their own: the flood
// interval then keeps each comment's client hash, as on a live site, instead of forgetting it at once.
const server = useRealServer({ env: { ADMIN_TOKEN, MODERATION: 'on', TRUST_PROXY: 'on', FLOOD_INTERVAL_SECONDS: '600' } });

/** Comments a moderator would plausibly find waiting, posted through the public API as readers post them. */
const PENDING = [
  {
    author: 'Marta Kowalska',
    email: 'marta.k@example.org',
    url: 'https://marta.example.org',
    body: 'Thank you for writing this up. The detail about the **appeal deadlines** was new to me; is there a source for the 2011 figures?',
  },
  {
    author: 'Dmitri Orlov',
    email: 'd.orlov@example.net',
    url: '',
    body: 'I was in Minsk that winter. The court sessions were closed to observers, as you say, but families were sometimes let in.',
  },
  {
    author: 'Cheap Watches',
    email: 'sales@watches.example',
    url: 'https://watches.example',
    body: 'Great article!!! Visit our shop for the best prices on replica watches, free shipping worldwide.',
  },
];

async function post(comment: (typeof PENDING)[number], index: number) {
  const response = await fetch(`${server.url}/api/articles/${SLUG}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `203.0.113.${10 + index}` },
    body: JSON.stringify(comment),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

async function signInByKeyboard(page: Page) {
  const field = page.getByRole('textbox', { name: 'Admin token' }).or(page.getByLabel('Admin token'));
  await tabTo(page, field);
  await page.keyboard.type(ADMIN_TOKEN);
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: /^Pending \(\d+\)$/ }).waitFor();
}

test('/admin is a server-rendered shell, noindex, that hydrates without errors', async () => {
  const response = await fetch(`${server.url}/admin`);
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain('<title>Moderation – Colloquy</title>');
  expect(html).toContain('<meta name="robots" content="noindex">');
  expect(html).toMatch(/<h1 class="page-title">Moderation<\/h1>/);

  const { page } = await harness.newPage();
  await page.goto(`${server.url}/admin`);
  await page.getByLabel('Admin token').waitFor();
  // The admin page's stylesheet came with its chunk, not in the reader's inline style.
  expect(await page.evaluate(() => [...document.querySelectorAll('style')].some((s) => s.textContent?.includes('.admin-comment')))).toBe(false);
  await expectNoAxeViolations(page, 'the sign-in form');
});

test('sign in and approve a pending comment by keyboard only; it shows on the article; axe-clean; screenshot', async () => {
  for (const [index, comment] of PENDING.entries()) await post(comment, index);
  const { page, allowConsoleError } = await harness.newPage();
  // The browser logs the refusal of the wrong token below.
  allowConsoleError(/status of 403 .*\/api\/admin\/rules/);
  await page.goto(`${server.url}/admin`);

  // A wrong token first: said next to the field, which keeps the focus.
  const field = page.getByLabel('Admin token');
  await tabTo(page, field);
  await page.keyboard.type('not-the-admin-token');
  await page.keyboard.press('Enter');
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  expect(await isFocused(field)).toBe(true);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await signInByKeyboard(page);
  await page.getByRole('tab', { name: 'Pending (3)' }).waitFor();
  await expectNoAxeViolations(page, 'the admin page, signed in');

  mkdirSync(resolve(ROOT, 'docs/screenshots'), { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: resolve(ROOT, 'docs/screenshots/admin.png') });

  // Approve Dmitri's comment with the keyboard: Tab to its button, Enter.
  const approve = page.getByRole('button', { name: 'Approve comment by Dmitri Orlov' });
  await tabTo(page, approve);
  await page.keyboard.press('Enter');
  await page.getByText('Approved the comment by Dmitri Orlov.').waitFor();
  await page.getByRole('tab', { name: 'Pending (2)' }).waitFor();
  // Focus went on to the next comment's same button.
  await expect.poll(() => isFocused(page.getByRole('button', { name: 'Approve comment by Marta Kowalska' }))).toBe(true);

  await page.goto(server.url + ARTICLE_PATH);
  await waitForReader(page);
  await page.getByRole('article', { name: 'Dmitri Orlov', exact: true }).waitFor();
  expect(await page.getByRole('article', { name: 'Marta Kowalska', exact: true }).count()).toBe(0);
});

test('dark and 360 px wide: axe-clean and nothing scrolls sideways', async () => {
  const { page } = await harness.newPage({ viewport: { width: 360, height: 800 }, colorScheme: 'dark' });
  await page.goto(`${server.url}/admin`);
  await signInByKeyboard(page);
  await page.getByRole('heading', { name: 'Rules' }).waitFor();
  expect(await hasHorizontalScroll(page)).toBe(false);
  await expectNoAxeViolations(page, 'the admin page, dark, 360 px');
});
