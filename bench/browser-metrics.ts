// What one page load costs a reader, measured in Chromium through playwright-core
// and the DevTools protocol: bytes on the wire, DOMContentLoaded, when the first
// comment's text is laid out, the longest task while loading, the JS heap after
// load, scrolling to the bottom, and how soon "Reply to …" on the last comment
// opens its form. Generic over the page: the caller says how comments are marked up.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { waitForQuietNetwork } from '../tests/support/quiet-network';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** How to find things on a page, as CSS selectors. */
export interface PageShape {
  /** Every comment's element, in document order (the last one is "the last comment"). */
  comment: string;
  /** The first comment's text. */
  firstText: string;
  /** A class the permalinked comment gets (Colloquy's highlight), or none. */
  highlightClass?: string;
}

interface InPageConfig extends PageShape {
  reply: boolean;
  permalinkId: number | null;
}

interface InPageState {
  longTasks: [number, number][];
  firstText: number | null;
  clicks: number[];
  reply: { opened: number; click: number; clicks: number } | null;
  permalink: number | null;
  clickReply(): Promise<number | null>;
  scrollToBottom(maxSteps: number, maxMs: number): Promise<{ start: number; end: number; steps: number }>;
}

/**
 * Runs in the page before its own scripts: records long tasks, and polls every
 * animation frame for the first comment's text, the permalinked comment, and
 * (when asked) clicks the last comment's reply control until its form opens.
 */
function instrument(config: InPageConfig) {
  const visible = (element: Element) => {
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0;
  };
  const replyControl = (comment: Element) =>
    [...comment.querySelectorAll('button, a')].find((control) => /^Reply to /.test((control.getAttribute('aria-label') ?? control.textContent ?? '').trim().replace(/\s+/g, ' ')));
  const lastComment = () => {
    const all = document.querySelectorAll(config.comment);
    return all[all.length - 1];
  };
  /** A visible field labelled "Comment" in the comment's list entry (its reply form). */
  const replyField = (comment: Element) => {
    const entry = comment.closest('li') ?? comment.parentElement;
    return [...(entry?.querySelectorAll('textarea') ?? [])].find(
      (field) => /^Comment\b/.test(field.labels?.[0]?.textContent?.trim() ?? field.getAttribute('aria-label') ?? '') && visible(field),
    );
  };
  const state: InPageState = {
    longTasks: [],
    firstText: null,
    clicks: [],
    reply: null,
    permalink: null,
    clickReply() {
      const comment = lastComment();
      const control = comment && replyControl(comment);
      if (!comment || !(control instanceof HTMLElement)) return Promise.resolve(null);
      const clicked = performance.now();
      control.click();
      return new Promise((resolve) => {
        const poll = () => (replyField(comment) ? resolve(performance.now() - clicked) : performance.now() - clicked > 30_000 ? resolve(null) : requestAnimationFrame(poll));
        requestAnimationFrame(poll);
      });
    },
    scrollToBottom(maxSteps, maxMs) {
      const root = document.documentElement;
      const step = Math.max(innerHeight, (root.scrollHeight - innerHeight) / maxSteps);
      const start = performance.now();
      let steps = 0;
      return new Promise((resolve) => {
        const tick = () => {
          const before = scrollY;
          scrollBy({ top: step, behavior: 'instant' });
          steps++;
          const now = performance.now();
          if (scrollY === before || scrollY + innerHeight >= root.scrollHeight - 1 || now - start > maxMs) resolve({ start, end: now, steps });
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
  };
  (window as unknown as { __bench: InPageState }).__bench = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });

  let parsed = false;
  document.addEventListener('DOMContentLoaded', () => (parsed = true));
  const frame = () => {
    const now = performance.now();
    if (state.firstText === null) {
      const text = document.querySelector(config.firstText);
      if (text?.textContent?.trim() && visible(text)) state.firstText = now;
    }
    if (config.permalinkId !== null && state.permalink === null) {
      const target = document.getElementById(`comment-${config.permalinkId}`);
      const rect = target?.getBoundingClientRect();
      if (target && rect && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight && (!config.highlightClass || target.classList.contains(config.highlightClass))) {
        state.permalink = now;
      }
    }
    // Reply as soon as the whole list is there: click, and click again while a click opened nothing (not hydrated yet).
    if (config.reply && parsed && state.reply === null) {
      const comment = lastComment();
      const control = comment && replyControl(comment);
      if (comment && replyField(comment) && state.clicks.length) {
        state.reply = { opened: now, click: state.clicks[state.clicks.length - 1], clicks: state.clicks.length };
      } else if (control instanceof HTMLElement) {
        const last = state.clicks[state.clicks.length - 1];
        if (last === undefined || (control.getAttribute('aria-expanded') !== 'true' && now - last > 250)) {
          state.clicks.push(performance.now());
          control.click();
        }
      }
    }
    const waiting = state.firstText === null || (config.permalinkId !== null && state.permalink === null) || (config.reply && state.reply === null);
    if (waiting) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

export interface LoadMetrics {
  htmlBytes: number;
  allBytes: number;
  encoding: string;
  domContentLoaded: number;
  firstText: number | null;
  longestLoadTask: number;
  heapMb: number;
  settledClickMs: number | null;
  longestScrollTask: number;
  scrollSteps: number;
}

export interface ReplyMetrics {
  readyMs: number;
  clickMs: number;
  clicks: number;
}

export class TimedOut extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Session {
  page: Page;
  cdp: CDPSession;
  bytes: () => { html: number; all: number; encoding: string };
  close(): Promise<void>;
}

/** A fresh context and page, CPU throttled at `rate`, with the instrument installed. */
async function openPage(browser: Browser, rate: number, config: InPageConfig): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, extraHTTPHeaders: { 'Accept-Encoding': 'gzip, deflate, br' } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  let documentId: string | undefined;
  let encoding = 'identity';
  const sizes = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (event) => {
    if (documentId === undefined && event.type === 'Document') documentId = event.requestId;
  });
  cdp.on('Network.responseReceived', (event) => {
    if (event.requestId !== documentId) return;
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([key, value]) => [key.toLowerCase(), String(value)]));
    encoding = headers['content-encoding'] ?? 'identity';
  });
  cdp.on('Network.loadingFinished', (event) => sizes.set(event.requestId, event.encodedDataLength));
  // As source: tsx keeps function names with a `__name` helper the page does not have.
  await page.addInitScript({ content: `var __name = (f) => f;\n(${instrument.toString()})(${JSON.stringify(config)});` });
  return {
    page,
    cdp,
    bytes: () => ({ html: sizes.get(documentId ?? '') ?? 0, all: [...sizes.values()].reduce((a, b) => a + b, 0), encoding }),
    close: () => context.close(),
  };
}

/** Polls the in-page state until `pick` returns something, or throws TimedOut at the deadline. */
async function until<T>(page: Page, deadline: number, pick: () => T | null | undefined | false): Promise<T> {
  for (;;) {
    const value = await page.evaluate(pick);
    if (value !== null && value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new TimedOut();
    await sleep(100);
  }
}

/** Load, then a quiet network (the live stream aside), then no long task for a second: the page has settled. */
async function settle(page: Page, deadline: number): Promise<number> {
  const left = () => Math.max(1, deadline - Date.now());
  await waitForQuietNetwork(page, { timeout: left() }).catch(() => {
    throw new TimedOut();
  });
  const quiet = () => {
    const bench = (window as unknown as { __bench: InPageState }).__bench;
    const now = performance.now();
    const lastEnd = Math.max(0, ...bench.longTasks.map(([start, duration]) => start + duration));
    return now - lastEnd > 1000 && now;
  };
  // A page that never goes quiet for a second ends its load 20 s after the network went idle.
  return until(page, Math.min(deadline, Date.now() + 20_000), quiet).catch(() => page.evaluate(() => performance.now()));
}

const longest = (tasks: [number, number][], from: number, to: number) =>
  Math.max(0, ...tasks.filter(([start]) => start >= from && start <= to).map(([, duration]) => duration));

/** One load: bytes, DOMContentLoaded, first comment text, longest task, heap; then scroll to the bottom and reply there. */
export async function measureLoad(browser: Browser, url: string, shape: PageShape, rate: number, timeoutMs: number): Promise<LoadMetrics> {
  const session = await openPage(browser, rate, { ...shape, reply: false, permalinkId: null });
  const deadline = Date.now() + timeoutMs;
  try {
    await session.page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    const loaded = await settle(session.page, deadline);
    const inPage = await session.page.evaluate(() => {
      const bench = (window as unknown as { __bench: InPageState }).__bench;
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { dcl: navigation.domContentLoadedEventStart, firstText: bench.firstText, tasks: bench.longTasks };
    });
    const { html, all, encoding } = session.bytes();
    await session.cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await session.cdp.send('Performance.getMetrics');
    const heap = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;

    const scroll = await session.page.evaluate(() => (window as unknown as { __bench: InPageState }).__bench.scrollToBottom(200, 60_000));
    await sleep(500);
    const tasks = await session.page.evaluate(() => (window as unknown as { __bench: InPageState }).__bench.longTasks);
    const settledClickMs = await session.page.evaluate(() => (window as unknown as { __bench: InPageState }).__bench.clickReply());
    return {
      htmlBytes: html,
      allBytes: all,
      encoding,
      domContentLoaded: inPage.dcl,
      firstText: inPage.firstText,
      longestLoadTask: longest(inPage.tasks, 0, loaded),
      heapMb: heap / 2 ** 20,
      settledClickMs,
      longestScrollTask: longest(tasks, scroll.start - 1, scroll.end + 100),
      scrollSteps: scroll.steps,
    };
  } catch (error) {
    if (error instanceof Error && /Timeout/i.test(error.name + error.message)) throw new TimedOut();
    throw error;
  } finally {
    await session.close();
  }
}

/** From navigation, clicks the last comment's reply control as soon as it exists (again if nothing opened) until its "Comment" field shows. */
export async function measureReply(browser: Browser, url: string, shape: PageShape, rate: number, timeoutMs: number): Promise<ReplyMetrics> {
  const session = await openPage(browser, rate, { ...shape, reply: true, permalinkId: null });
  const deadline = Date.now() + timeoutMs;
  try {
    await session.page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    const reply = await until(session.page, deadline, () => (window as unknown as { __bench: InPageState }).__bench.reply);
    return { readyMs: reply.opened, clickMs: reply.opened - reply.click, clicks: reply.clicks };
  } catch (error) {
    if (error instanceof Error && /Timeout/i.test(error.name + error.message)) throw new TimedOut();
    throw error;
  } finally {
    await session.close();
  }
}

/**
 * A permalink (`URL#comment-ID`): time from navigation until that comment is in
 * view (and has the highlight class, when the shape names one). Null when that
 * has not happened once the page settled (plus two seconds).
 */
export async function measurePermalink(browser: Browser, url: string, commentId: number, shape: PageShape, rate: number, timeoutMs: number): Promise<number | null> {
  const session = await openPage(browser, rate, { ...shape, reply: false, permalinkId: commentId });
  const deadline = Date.now() + timeoutMs;
  try {
    await session.page.goto(`${url}#comment-${commentId}`, { waitUntil: 'commit', timeout: timeoutMs });
    await settle(session.page, deadline);
    return await until(session.page, Math.min(deadline, Date.now() + 2000), () => (window as unknown as { __bench: InPageState }).__bench.permalink).catch(() => null);
  } catch (error) {
    if (error instanceof Error && /Timeout/i.test(error.name + error.message)) return null;
    throw error;
  } finally {
    await session.close();
  }
}
