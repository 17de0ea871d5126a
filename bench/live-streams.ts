// What open live-update streams (GET /api/articles/:slug/events) cost the server:
// resident memory per idle stream, with 1,000 readers on one article, and how long
// one new comment takes to reach all of them. Run alone: `npx tsx bench/live-streams.ts`.
import type { ClientRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import seed from '../src/content/seed-article.json';
import { startBenchServer, stopServer } from './server-process';

const STREAMS = 1000;
const SLUG = seed.article.slug;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Reader {
  request: ClientRequest;
  /** When the comment event arrived (performance.now()). */
  arrived?: number;
}

/** Opens one stream; resolves once its first bytes (the retry hint) are in. */
async function openReader(base: string, onComment: (reader: Reader) => void): Promise<Reader> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const reader = {} as Reader;
    reader.request = request(`${base}/api/articles/${SLUG}/events`, { headers: { Accept: 'text/event-stream' }, agent: false }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`events answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let opened = false;
      res.on('data', (text: string) => {
        if (!opened) {
          opened = true;
          resolve(reader);
        }
        if (reader.arrived === undefined && text.includes('"type":"comment"')) {
          reader.arrived = performance.now();
          onComment(reader);
        }
      });
      res.on('error', () => undefined);
    });
    reader.request.on('error', reject);
    reader.request.end();
  });
}

export async function benchLiveStreams(log: (line?: string) => void) {
  // All readers come from one address: the per-client connection cap is off for this.
  const { server, base, dataDir } = await startBenchServer(['scripts/start.mjs'], { env: { MAX_CONNECTIONS_PER_CLIENT: '0' } });
  const readers: Reader[] = [];
  try {
    // Warm up the route (and the code it loads) with a few streams first.
    const warm = await Promise.all(Array.from({ length: 10 }, () => openReader(base, () => undefined)));
    for (const reader of warm) reader.request.destroy();
    await settle(2000);
    const before = rssMb(server.pid!);

    let reached = 0;
    let allReached = () => {};
    const everyone = new Promise<void>((resolve) => (allReached = resolve));
    const onComment = () => {
      if (++reached === STREAMS) allReached();
    };
    for (let i = 0; i < STREAMS; i += 50) {
      readers.push(...(await Promise.all(Array.from({ length: Math.min(50, STREAMS - i) }, () => openReader(base, onComment)))));
    }
    await settle(3000);
    const after = rssMb(server.pid!);

    const posted = performance.now();
    const response = await fetch(`${base}/api/articles/${SLUG}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ parentId: null, author: 'Live Bench', email: 'live@example.com', url: '', body: 'One comment for a thousand readers.' }),
    });
    if (response.status !== 201) throw new Error(`posting answered ${response.status}`);
    const answered = performance.now();
    await Promise.race([everyone, settle(30_000)]);
    const times = readers.flatMap((reader) => (reader.arrived === undefined ? [] : [reader.arrived - posted])).sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))];

    log(`## Live updates: ${STREAMS.toLocaleString('en')} open streams on one article`);
    log();
    log(`Server-Sent Events (GET /api/articles/:slug/events) on the server as \`npm start\` runs it (SQLite), ${STREAMS.toLocaleString('en')} idle readers of the seed article on loopback; then one comment is posted.`);
    log();
    log('| measure | value |');
    log('|---|---|');
    log(`| resident set size before / with the open streams | ${before.toFixed(0)} MB / ${after.toFixed(0)} MB |`);
    log(`| memory per open stream | ${(((after - before) * 1024) / STREAMS).toFixed(1)} KB |`);
    log(`| the POST answered after | ${(answered - posted).toFixed(1)} ms |`);
    log(`| the comment reached half the readers / all of them after (from the POST) | ${at(0.5).toFixed(1)} ms / ${(times.at(-1) ?? NaN).toFixed(1)} ms |`);
    log(`| readers it reached | ${times.length} of ${STREAMS} |`);
    log();
    log('One read of the change log serves every reader of an article (src/domain/live-hub.ts), and each event is encoded once for all of them; an idle stream is a socket and a small queue, with one heartbeat timer for all streams.');
    log();
  } finally {
    for (const reader of readers) reader.request.destroy();
    await stopServer(server, dataDir);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchLiveStreams((line = '') => console.log(line)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
