// "The page has loaded everything it is going to load", for a page that keeps a stream
// open (the discussion's live updates): Playwright's networkidle never comes then. Waits
// until no request has finished for `quietMs` (an open stream never finishes, so it
// does not count), as networkidle waits for no request in flight for 500 ms.
import type { Page } from 'playwright-core';

export async function waitForQuietNetwork(page: Page, { quietMs = 500, timeout = 30_000 } = {}): Promise<void> {
  await page.waitForLoadState('load', { timeout });
  await page.waitForFunction(
    (quiet) => {
      const finished = performance.getEntriesByType('resource').map((entry) => entry.startTime + entry.duration);
      return performance.now() - Math.max(0, ...finished) >= quiet;
    },
    quietMs,
    { timeout, polling: 100 },
  );
}
