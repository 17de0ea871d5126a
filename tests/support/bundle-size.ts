// How much JS a reader waits for: the files a client build's index.html loads
// (its module script and modulepreloads), each gzip -9, summed. Shared by
// `npm run bench` (BENCHMARKS.md) and the e2e budget check (bundle-size.e2e.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The budget for that JS: React + ReactDOM alone are about 66 KB of it. It was 90 KB, with
 * 90,288 bytes used before issue 9 (commit cc65173); issue 9 allows its features 5 KB more.
 */
export const UP_FRONT_JS_BUDGET_BYTES = 90_288 + 5 * 1024;

const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

/** JS the page loads before it is interactive (index.html's entry and preloads), what loads later, the reader's CSS, gzip -9 bytes. */
export function bundleSizes(dir: string) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const critical = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]));
  const sizes = { critical: 0, later: 0, css: 0, preview: 0, admin: 0 };
  for (const file of readdirSync(join(dir, 'assets'))) {
    const size = gz(readFileSync(join(dir, 'assets', file)));
    // The Markdown pipeline, loaded only when someone presses Preview.
    if (file.startsWith('comment-markdown-')) sizes.preview = size;
    // The admin page's JS and CSS, loaded only at /admin (its CSS is not the reader's).
    if (file.startsWith('admin-page-')) sizes.admin += size;
    if (file.endsWith('.css')) {
      if (!file.startsWith('admin-page-')) sizes.css += size;
    }
    else if (file.endsWith('.js')) sizes[critical.has(file) ? 'critical' : 'later'] += size;
  }
  return sizes;
}
