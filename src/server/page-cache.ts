// A micro-cache for server-rendered pages (see docs/decisions/0006-server-performance.md).
//
// A page's HTML depends on its path (not the query string) and the database
// only (approved comments, nothing per visitor), so one render can serve every
// request for that path for a short while. Concurrent misses share one render, a comment posted or
// moderated through this process empties the cache, and the TTL bounds how
// stale a page can be after a change made elsewhere (another instance, a CLI).
import type { RenderedPage } from './app';
import { Representation } from './compression';

export interface CachedPage {
  status: number;
  rep: Representation;
}

export interface PageCacheOptions {
  /** How long a rendered page is served again; 0 renders every request (concurrent ones still share). */
  ttlMs: number;
  /** Most pages kept at once; the oldest go first. */
  maxEntries?: number;
  /** Most bytes of HTML kept at once (a 500-comment page is about 2.4 MB); the oldest go first. */
  maxBytes?: number;
  now?: () => number;
}

export interface PageCache {
  /**
   * The page for url, and whether it came from the cache (or a render already
   * under way). Callers pass the path alone (app.ts): every distinct url is kept.
   */
  get(url: string): Promise<{ page: CachedPage; cached: boolean }>;
  /** Forgets every page, including renders already under way. */
  invalidate(): void;
  readonly size: number;
}

const HTML = 'text/html; charset=UTF-8';

export function createPageCache(render: (url: string) => Promise<RenderedPage>, options: PageCacheOptions): PageCache {
  const { ttlMs } = options;
  const maxEntries = options.maxEntries ?? 256;
  const maxBytes = options.maxBytes ?? 64 * 2 ** 20;
  const now = options.now ?? Date.now;
  let generation = 0;
  let bytes = 0;
  const entries = new Map<string, { page: CachedPage; expires: number }>();
  const remove = (url: string) => {
    const entry = entries.get(url);
    if (!entry) return;
    bytes -= entry.page.rep.body.byteLength;
    entries.delete(url);
  };
  const store = (url: string, page: CachedPage) => {
    remove(url);
    const time = now();
    for (const [key, entry] of entries) if (entry.expires <= time) remove(key);
    entries.set(url, { page, expires: time + ttlMs });
    bytes += page.rep.body.byteLength;
    while (entries.size > maxEntries || (bytes > maxBytes && entries.size > 1)) remove(entries.keys().next().value as string);
  };
  const rendering = new Map<string, { generation: number; promise: Promise<CachedPage> }>();

  function renderOnce(url: string): Promise<CachedPage> {
    const started = generation;
    const promise = render(url).then(
      (result) => {
        const page: CachedPage = { status: result.status, rep: new Representation(result.html, HTML) };
        // Only successful pages, and only if nothing changed while rendering.
        if (ttlMs > 0 && page.status === 200 && started === generation) store(url, page);
        return page;
      },
    );
    const settle = () => {
      if (rendering.get(url)?.promise === promise) rendering.delete(url);
    };
    promise.then(settle, settle);
    rendering.set(url, { generation: started, promise });
    return promise;
  }

  return {
    async get(url) {
      const entry = entries.get(url);
      if (entry) {
        if (entry.expires > now()) return { page: entry.page, cached: true };
        remove(url);
      }
      const running = rendering.get(url);
      if (running && running.generation === generation) return { page: await running.promise, cached: true };
      return { page: await renderOnce(url), cached: false };
    },
    invalidate() {
      generation++;
      entries.clear();
      bytes = 0;
      rendering.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
