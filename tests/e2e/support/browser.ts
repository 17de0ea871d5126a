// One Chromium per test file, a fresh context per page, and no silent page
// errors: every console error and uncaught exception fails the test that
// caused it, unless the test declared it expected (e.g. a deliberate HTTP 500).
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { chromiumPath } from './paths';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Declares a console error this test expects (matched against the message text). */
  allowConsoleError(pattern: RegExp): void;
  /** Console errors and page errors so far that were not allowed. */
  problems(): string[];
}

interface Tracked {
  context: BrowserContext;
  messages: string[];
  allowed: RegExp[];
}

export interface BrowserHarness {
  readonly browser: Browser;
  /** A new context (isolated storage, service workers, cookies) with one page. */
  newPage(options?: BrowserContextOptions): Promise<TestPage>;
}

/** Call at the top of a test file. */
export function useBrowser(): BrowserHarness {
  let browser: Browser | undefined;
  let open: Tracked[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const tracked = open;
    open = [];
    await Promise.all(tracked.map((t) => t.context.close().catch(() => undefined)));
    const problems = tracked.flatMap((t) => t.messages.filter((m) => !t.allowed.some((re) => re.test(m))));
    if (problems.length > 0) {
      throw new Error(`The page logged ${problems.length} error(s):\n${problems.join('\n')}`);
    }
  });

  return {
    get browser() {
      if (!browser) throw new Error('useBrowser(): the browser is not launched yet (use it inside a test)');
      return browser;
    },
    async newPage(options: BrowserContextOptions = {}) {
      if (!browser) throw new Error('useBrowser(): the browser is not launched yet (use it inside a test)');
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      context.setDefaultTimeout(10_000);
      const tracked: Tracked = { context, messages: [], allowed: [] };
      open.push(tracked);
      const page = await context.newPage();
      page.on('console', (msg) => {
        if (msg.type() === 'error') {
          const loc = msg.location();
          tracked.messages.push(`console.error: ${msg.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
        }
      });
      page.on('pageerror', (error) => tracked.messages.push(`pageerror: ${error.stack ?? error.message}`));
      return {
        page,
        context,
        allowConsoleError: (pattern) => tracked.allowed.push(pattern),
        problems: () => tracked.messages.filter((m) => !tracked.allowed.some((re) => re.test(m))),
      };
    },
  };
}
