// `npm run bench`: speed and memory, measured side by side in one run on this
// machine and reported as ratios to a baseline measured in the same run.
// Results go to BENCHMARKS.md. Nothing here is asserted by the tests.
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildThread } from '../src/domain/threading';
import seed from '../src/content/seed-article.json';

const SLUG = seed.article.slug;
const lines: string[] = [];
const log = (line = '') => {
  lines.push(line);
  console.log(line);
};

function gzippedSizes(dir: string, ext: string) {
  const files = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith(ext));
  return files.reduce(
    (sum, f) => {
      const bytes = readFileSync(join(dir, 'assets', f));
      return { raw: sum.raw + bytes.length, gz: sum.gz + gzipSync(bytes, { level: 9 }).length };
    },
    { raw: 0, gz: 0 },
  );
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function load(url: string, init: RequestInit | (() => RequestInit), total: number, concurrency: number) {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const t0 = performance.now();
        const response = await fetch(url, typeof init === 'function' ? init() : init);
        await response.arrayBuffer();
        if (response.status >= 400) throw new Error(`${url} answered ${response.status}`);
        times.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { rps: total / seconds, p50: times[Math.floor(times.length * 0.5)], p95: times[Math.floor(times.length * 0.95)] };
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function main() {
  log('# Benchmarks');
  log();
  log(`Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`);
  log('Shared, noisy machines: read the ratios, measured side by side in this one run, rather than the absolute numbers.');
  log();

  execSync('npm run build', { stdio: 'ignore' });
  log('## Bundle (gzip -9)');
  log();
  log('| build | JS raw | JS gzip | CSS gzip |');
  log('|---|---|---|---|');
  for (const [name, dir] of [
    ['served by the comment server (`dist/client`)', 'dist/client'],
    ['static demo on the MSW mock (`dist/static`)', 'dist/static'],
  ]) {
    const js = gzippedSizes(dir, '.js');
    const css = gzippedSizes(dir, '.css');
    log(`| ${name} | ${(js.raw / 1024).toFixed(1)} KB | ${(js.gz / 1024).toFixed(1)} KB | ${(css.gz / 1024).toFixed(1)} KB |`);
  }
  log();
  log('Budget: React + ReactDOM alone are about 68 KB gzipped; the server build should stay under 110 KB of JS in all.');
  log();

  log('## Threading a large discussion (in-process)');
  log();
  const comments = Array.from({ length: 20_000 }, (_, i) => ({ id: i + 1, parentId: i < 100 ? null : 1 + Math.floor(Math.random() * i) }));
  const time = (fn: () => unknown, rounds = 20) => {
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) fn();
    return (performance.now() - t0) / rounds;
  };
  time(() => buildThread(comments), 3);
  const threadMs = time(() => buildThread(comments));
  const sortMs = time(() => [...comments].sort((a, b) => a.id - b.id));
  log(`| work on 20,000 comments | ms | ratio to sorting them |`);
  log('|---|---|---|');
  log(`| sort by id (baseline) | ${sortMs.toFixed(2)} | 1.0 |`);
  log(`| buildThread, depth cap 5 | ${threadMs.toFixed(2)} | ${(threadMs / sortMs).toFixed(1)} |`);
  log();

  const dataDir = mkdtempSync(join(tmpdir(), 'colloquy-bench-'));
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, FLOOD_INTERVAL_SECONDS: '0', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const rssIdle = rssOf(server.pid!);
    // 500 comments on the article, a realistic busy thread.
    const bodyText = seed.comments[1].body;
    for (let i = 0; i < 500; i++) {
      const response = await fetch(`${base}/api/articles/${SLUG}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ parentId: null, author: `Reader ${i}`, email: `reader${i}@example.com`, url: '', body: `${i}: ${bodyText}` }),
      });
      if (response.status !== 201) throw new Error(`seeding comment ${i}: ${response.status}`);
    }
    const asset = readdirSync('dist/client/assets').find((f) => f.endsWith('.js'));
    const total = 2000;
    const concurrency = 16;
    const cases: Array<[string, string, RequestInit | (() => RequestInit)]> = [
      ['GET /api/health (baseline)', '/api/health', {}],
      [`GET a static JS asset`, `/assets/${asset}`, {}],
      ['GET /api/articles', '/api/articles', {}],
      ['GET comments (502 comments, SQLite)', `/api/articles/${SLUG}/comments`, {}],
      ['GET the reader page, server-rendered', `/articles/${SLUG}`, {}],
    ];
    log(`## Comment server on SQLite (${total} requests, ${concurrency} concurrent, loopback)`);
    log();
    log('| request | req/s | p50 ms | p95 ms | throughput ratio to baseline |');
    log('|---|---|---|---|---|');
    let baseline = 0;
    for (const [name, path, init] of cases) {
      await load(`${base}${path}`, init, 200, concurrency);
      const result = await load(`${base}${path}`, init, total, concurrency);
      baseline ||= result.rps;
      log(`| ${name} | ${result.rps.toFixed(0)} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${(result.rps / baseline).toFixed(2)} |`);
    }
    let n = 0;
    const post = await load(
      `${base}/api/articles/${SLUG}/comments`,
      () => ({
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-${Date.now()}-${n}` },
        body: JSON.stringify({ parentId: null, author: `Poster ${n}`, email: `p${n}@example.com`, url: '', body: `Bench comment ${n++}` }),
      }),
      500,
      concurrency,
    );
    log(`| POST a comment (idempotency key, duplicate + flood checks) | ${post.rps.toFixed(0)} | ${post.p50.toFixed(1)} | ${post.p95.toFixed(1)} | ${(post.rps / baseline).toFixed(2)} |`);
    log();
    log('## Server memory');
    log();
    log(`Resident set size: ${rssIdle.toFixed(0)} MB idle after start; ${rssOf(server.pid!).toFixed(0)} MB after the load above (1,000 comments stored). Database file: ${(statSync(join(dataDir, 'colloquy.sqlite')).size / 1024).toFixed(0)} KB.`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
  writeFileSync('BENCHMARKS.md', `${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
