// `npm run bench`: speed and memory, measured side by side in one run on this
// machine and reported as ratios to a baseline measured in the same run.
// Results go to BENCHMARKS.md. Nothing here is asserted by the tests.
import { execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { buildThread } from '../src/domain/threading';
import seed from '../src/content/seed-article.json';
import { bundleSizes, UP_FRONT_JS_BUDGET_BYTES } from '../tests/support/bundle-size';
import { benchLiveStreams } from './live-streams';
import { benchPosting } from './posting';
import { load, startBenchServer, stopServer } from './server-process';
import { keptBigSection, runBig } from './big';

const SLUG = seed.article.slug;
const lines: string[] = [];
const log = (line = '') => {
  lines.push(line);
  console.log(line);
};


/** The commit before issue 10 (moderation, the admin page, email notifications, feeds, Disqus import). */
const BEFORE_ISSUE_10 = '6966716';

/**
 * The up-front JS of an earlier commit, built in this run the same way (a git
 * worktree using this checkout's node_modules: that commit's client needs no
 * package this one lacks); undefined when it cannot be built (say, a shallow
 * clone without that commit).
 */
function upFrontJsAt(ref: string): number | undefined {
  const root = mkdtempSync(join(tmpdir(), 'colloquy-before-'));
  try {
    execSync(`git worktree add --detach ${root} ${ref}`, { stdio: 'ignore' });
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
    execSync('npx vite build --logLevel silent', { cwd: root, stdio: 'ignore', env: { ...process.env, VITE_API_URL: '/' } });
    return bundleSizes(join(root, 'dist', 'client')).critical;
  } catch {
    return undefined;
  } finally {
    execSync(`git worktree remove --force ${root}`, { stdio: 'ignore' });
    rmSync(root, { recursive: true, force: true });
  }
}

/** The baseline, built in the same run the same way: a page that only mounts React. */
async function reactAloneSize(): Promise<number> {
  const root = mkdtempSync(join('bench', '.react-alone-'));
  try {
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="./main.js"></script>');
    writeFileSync(
      join(root, 'main.js'),
      "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(createElement('p', null, 'Hello'));\n",
    );
    const { build } = await import('vite');
    await build({ root, configFile: false, logLevel: 'silent', build: { outDir: 'dist' } });
    return bundleSizes(join(root, 'dist')).critical;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Bytes on the wire (fetch would decompress them). */
async function wire(url: string, headers: Record<string, string>): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
    })
      .on('error', reject)
      .end();
  });
}

const LIGHTHOUSE = 'lighthouse@12.8.2';

/**
 * Lighthouse's own scores and lab metrics (mobile emulation, simulated slow 4G),
 * run through npx so its 185 MB stay out of the project's dependencies.
 */
function lighthouse(url: string) {
  const out = join(tmpdir(), `colloquy-lighthouse-${process.pid}.json`);
  const flags = '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';
  // The reader keeps its live-updates stream open, so the network is never quiet: Lighthouse
  // would wait its full 45 s for that (and say the page "loaded too slowly") before measuring
  // what it measured already. A run that fails on this loaded machine is tried once more.
  const run = () =>
    execSync(`npx --yes ${LIGHTHOUSE} ${url} --quiet --max-wait-for-load=15000 --output=json --output-path=${out} --chrome-flags="${flags}"`, {
      stdio: 'ignore',
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    });
  try {
    run();
  } catch {
    run();
  }
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    categories: Record<string, { score: number }>;
    audits: Record<string, { displayValue?: string; numericValue?: number }>;
  };
  rmSync(out, { force: true });
  const score = (name: string) => Math.round(report.categories[name].score * 100);
  const metric = (name: string) => report.audits[name].displayValue ?? '';
  return {
    row: `${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${score('seo')} | ${metric('first-contentful-paint')} | ${metric('largest-contentful-paint')} | ${metric('total-blocking-time')} | ${metric('cumulative-layout-shift')}`,
    scores: ['performance', 'accessibility', 'best-practices', 'seo'].map(score),
    lcpMs: report.audits['largest-contentful-paint'].numericValue ?? NaN,
    tbtMs: report.audits['total-blocking-time'].numericValue ?? NaN,
  };
}

async function idleRss(args: string[]): Promise<number> {
  const { server, dataDir } = await startBenchServer(args);
  const rss = rssOf(server.pid!);
  await stopServer(server, dataDir);
  return rss;
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
  const react = await reactAloneSize();
  log('| build | JS before interactive | ratio to React + ReactDOM alone | JS loaded later | CSS |');
  log('|---|---|---|---|---|');
  log(`| a page that only mounts React + ReactDOM, built the same way (baseline) | ${kb(react)} | 1.00 | | |`);
  const serverBuild = bundleSizes('dist/client');
  for (const [name, sizes] of [
    ['served by the comment server (`dist/client`)', serverBuild],
    ['static demo on the MSW mock (`dist/static`)', bundleSizes('dist/static')],
  ] as const) {
    log(`| ${name} | ${kb(sizes.critical)} | ${(sizes.critical / react).toFixed(2)} | ${kb(sizes.later)} | ${kb(sizes.css)} |`);
  }
  log();
  const budget = UP_FRONT_JS_BUDGET_BYTES;
  log(
    `Budget: the JS a reader waits for stays under ${kb(budget)} (checked by \`npm test\`, tests/e2e/bundle-size.e2e.ts): React + ReactDOM and the router, react-query and our code; ` +
      'zod/mini and the contract\'s schemas load with the first API request, not with the page. ' +
      `This run: ${kb(serverBuild.critical)}, ${(serverBuild.critical / react).toFixed(2)} × React + ReactDOM alone (${serverBuild.critical <= budget ? 'within' : 'OVER'} budget). ` +
      'The form (react-hook-form) loads after, preloaded with the thread; the static demo also loads the MSW mock, which a real deployment never does.',
  );
  log();
  const before = upFrontJsAt(BEFORE_ISSUE_10);
  log(
    (before === undefined
      ? `Before issue 10 (commit ${BEFORE_ISSUE_10}) the figure is missing: that commit could not be built here. `
      : `Before issue 10 (commit ${BEFORE_ISSUE_10}, built in this run): ${kb(before)}; now ${kb(serverBuild.critical)} (${serverBuild.critical >= before ? '+' : '−'}${kb(Math.abs(serverBuild.critical - before))}): the /admin route's shell and the form's notify field, while the build now keeps the entry's modules in one chunk. `) +
      `The admin page (${kb(serverBuild.admin)} of JS and CSS) loads only at /admin; the edit form, the keyboard help, the live-updates client and the quote tooling load on demand. ` +
      `The Markdown pipeline (${kb(serverBuild.preview)}) loads only when someone presses Preview; the outbox itself with the form.`,
  );
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

  // The server as `npm start` runs it (an esbuild bundle, NODE_ENV=production), and for the
  // memory comparison as it ran before: TypeScript through tsx's loader.
  const START = ['scripts/start.mjs'];
  const TSX = ['--import', 'tsx', 'src/server/main.ts'];
  const rssStart = await idleRss(START);
  const rssTsx = await idleRss(TSX);

  const { server, base, dataDir } = await startBenchServer(START);
  // First renders are measured on a second instance on the same database with the page cache off.
  const renderer = await startBenchServer(START, { dataDir, env: { PAGE_CACHE_SECONDS: '0' } });
  try {
    const rssIdle = rssOf(server.pid!);
    log(`## Lighthouse (${LIGHTHOUSE}, mobile emulation, simulated slow 4G, the server as \`npm start\` runs it)`);
    log();
    log('| page | performance | accessibility | best practices | SEO | first contentful paint | largest contentful paint | total blocking time | layout shift |');
    log('|---|---|---|---|---|---|---|---|---|');
    log(`| front page | ${lighthouse(`${base}/`).row} |`);
    const reader = lighthouse(`${base}/articles/${SLUG}`);
    log(`| reader, the seed article with 2 comments | ${reader.row} |`);
    log();
    const [performance, ...others] = reader.scores;
    const met = (ok: boolean) => (ok ? 'met' : 'missed');
    log(
      `Targets on the reader (issue 8): performance ≥ 98: ${performance} (${met(performance >= 98)}); accessibility, best practices, SEO 100: ${others.join(', ')} (${met(others.every((x) => x === 100))}); ` +
        `LCP ≤ 1.2 s: ${(reader.lcpMs / 1000).toFixed(2)} s (${met(reader.lcpMs <= 1200)}, ${(reader.lcpMs / 1200).toFixed(2)}×); TBT ≤ 50 ms: ${reader.tbtMs.toFixed(0)} ms (${met(reader.tbtMs <= 50)}, ${(reader.tbtMs / 50).toFixed(1)}×). ` +
        'Where missed, why: Lighthouse multiplies the main-thread time it observes on this machine by 4; evaluating the up-front JS (react-dom is 63 of its KB) is one task of about 50–60 ms here before that factor, ' +
        'so total blocking time alone keeps the score under 98; LCP is the article text, painted once the HTML and the JS requested with it have come in over the simulated slow 4G. ' +
        'Deferring the app until after the first paint (tried: a 1.4 KB entry that imports the rest after a frame) moved first paint by less than the noise and put the bundle over its 90 KB budget, so it was not kept.',
    );
    log();
    const asset = readdirSync('dist/client/assets')
      .filter((f) => f.endsWith('.js'))
      .sort((a, b) => statSync(join('dist/client/assets', b)).size - statSync(join('dist/client/assets', a)).size)[0];
    const IDENTITY = { 'Accept-Encoding': 'identity' };
    const BR = { 'Accept-Encoding': 'br, gzip' };
    const GZIP = { 'Accept-Encoding': 'gzip' };
    const concurrency = 16;
    const page = `/articles/${SLUG}`;
    const uncached = (headers: Record<string, string>) => ({ base: renderer.base, path: page, headers });
    const comments = `/api/articles/${SLUG}/comments`;

    type Case = { name: string; base?: string; path: string; headers?: Record<string, string>; total?: number };
    const results = new Map<string, Awaited<ReturnType<typeof load>>>();
    let baseline = 0;
    const run = async (cases: Case[]) => {
      for (const c of cases) {
        const total = c.total ?? 2000;
        const target = () => `${c.base ?? base}${c.path}`;
        await load(target, { headers: c.headers }, Math.min(200, total / 4), concurrency);
        const result = await load(target, { headers: c.headers }, total, concurrency);
        baseline ||= result.rps;
        results.set(c.name, result);
        log(`| ${c.name} | ${result.rps.toFixed(0)} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${(result.rps / baseline).toFixed(2)} |`);
      }
    };

    log(`## Comment server on SQLite (16 concurrent, loopback, as \`npm start\` runs it)`);
    log();
    log('2000 requests a case (fewer for first renders). "Uncompressed" requests send `Accept-Encoding: identity`, compressed ones `br, gzip`; the client reads the bytes without decompressing them, so its own work stays out of the figures. A "first render" is measured on a second instance on the same database with `PAGE_CACHE_SECONDS=0`.');
    log();
    log('| request | req/s | p50 ms | p95 ms | throughput ratio to baseline |');
    log('|---|---|---|---|---|');
    await run([
      { name: 'GET /api/health (baseline)', path: '/api/health', headers: IDENTITY },
      { name: 'GET the main JS asset, uncompressed', path: `/assets/${asset}`, headers: IDENTITY },
      { name: 'GET the main JS asset, brotli (precompressed)', path: `/assets/${asset}`, headers: BR },
      { name: 'GET /api/articles', path: '/api/articles', headers: BR },
      { name: 'reader page, 2 comments, first render', ...uncached(BR), total: 1000 },
      { name: 'reader page, 2 comments, micro-cached', path: page, headers: BR },
    ]);
    const small = { page: await wire(`${base}${page}`, IDENTITY), pageBr: await wire(`${base}${page}`, BR) };

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
    const etag = (await fetch(`${base}${comments}`)).headers.get('etag') ?? '';
    await run([
      { name: 'GET comments (502, page 1), uncompressed, 200', path: comments, headers: IDENTITY },
      { name: 'GET comments (502, page 1), brotli, 200', path: comments, headers: BR },
      { name: 'GET comments (502, page 1), gzip, 200', path: comments, headers: GZIP },
      { name: 'GET comments (502, page 1), brotli, with an author token, 200', path: comments, headers: { ...BR, 'X-Author-Token': 'bench-reader-token' } },
      { name: 'GET comments (502, page 1), If-None-Match, 304', path: comments, headers: { ...BR, 'If-None-Match': etag } },
      { name: 'reader page, 502 comments (page 1: 50 threads), first render, uncompressed', ...uncached(IDENTITY), total: 200 },
      { name: 'reader page, 502 comments (page 1: 50 threads), first render, brotli', ...uncached(BR), total: 200 },
      { name: 'reader page, 502 comments (page 1: 50 threads), micro-cached, uncompressed', path: page, headers: IDENTITY },
      { name: 'reader page, 502 comments (page 1: 50 threads), micro-cached, brotli', path: page, headers: BR },
    ]);
    let n = 0;
    const post = await load(
      () => `${base}/api/articles/${SLUG}/comments`,
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

    const large = { page: await wire(`${base}${page}`, IDENTITY), pageBr: await wire(`${base}${page}`, BR), pageGz: await wire(`${base}${page}`, GZIP) };
    const list = { raw: await wire(`${base}${comments}`, IDENTITY), br: await wire(`${base}${comments}`, BR), gz: await wire(`${base}${comments}`, GZIP) };
    const js = { raw: await wire(`${base}/assets/${asset}`, IDENTITY), br: await wire(`${base}/assets/${asset}`, BR), gz: await wire(`${base}/assets/${asset}`, GZIP) };
    const rps = (name: string) => results.get(name)!.rps;
    const ratio = (a: string, b: string) => `${(rps(a) / rps(b)).toFixed(1)} ×`;

    log('## Side by side');
    log();
    log('| comparison | ratio |');
    log('|---|---|');
    log(`| reader page, first render: 2 comments vs page 1 of 502 (req/s) | ${ratio('reader page, 2 comments, first render', 'reader page, 502 comments (page 1: 50 threads), first render, brotli')} |`);
    log(`| reader page, 502 comments (page 1: 50 threads): micro-cached vs first render (req/s, brotli) | ${ratio('reader page, 502 comments (page 1: 50 threads), micro-cached, brotli', 'reader page, 502 comments (page 1: 50 threads), first render, brotli')} |`);
    log(`| reader page, 502 comments (page 1: 50 threads): micro-cached vs first render (req/s, uncompressed) | ${ratio('reader page, 502 comments (page 1: 50 threads), micro-cached, uncompressed', 'reader page, 502 comments (page 1: 50 threads), first render, uncompressed')} |`);
    log(`| reader page, 2 comments: micro-cached vs first render (req/s) | ${ratio('reader page, 2 comments, micro-cached', 'reader page, 2 comments, first render')} |`);
    log(`| comments (502, page 1): 304 vs 200 brotli (req/s) | ${ratio('GET comments (502, page 1), If-None-Match, 304', 'GET comments (502, page 1), brotli, 200')} |`);
    log(`| comments (502, page 1): brotli vs uncompressed (req/s) | ${ratio('GET comments (502, page 1), brotli, 200', 'GET comments (502, page 1), uncompressed, 200')} |`);
    log(`| main JS asset: precompressed brotli vs uncompressed (req/s) | ${ratio('GET the main JS asset, brotli (precompressed)', 'GET the main JS asset, uncompressed')} |`);
    log();
    log('A 200 for the comment list is served from the list kept per article version (rebuilt once per change), so a 304 saves bytes rather than work; with an author token the server also checks for that author\'s pending comments.');
    log();
    log('| bytes on the wire | uncompressed | gzip | brotli | brotli / uncompressed |');
    log('|---|---|---|---|---|');
    log(`| reader page, 2 comments | ${kb(small.page)} | | ${kb(small.pageBr)} | ${(small.pageBr / small.page).toFixed(3)} |`);
    log(`| reader page, 502 comments (page 1: 50 threads) | ${kb(large.page)} | ${kb(large.pageGz)} | ${kb(large.pageBr)} | ${(large.pageBr / large.page).toFixed(3)} |`);
    log(`| comments (502, page 1) JSON | ${kb(list.raw)} | ${kb(list.gz)} | ${kb(list.br)} | ${(list.br / list.raw).toFixed(3)} |`);
    log(`| main JS asset | ${kb(js.raw)} | ${kb(js.gz)} | ${kb(js.br)} | ${(js.br / js.raw).toFixed(3)} |`);
    log();
    log('## Server memory');
    log();
    log('| resident set size | MB | ratio |');
    log('|---|---|---|');
    log(`| idle after start, \`node --import tsx src/server/main.ts\` (TypeScript loader at run time) | ${rssTsx.toFixed(0)} | 1.00 |`);
    log(`| idle after start, \`npm start\` (bundled dist/server/main.js) | ${rssStart.toFixed(0)} | ${(rssStart / rssTsx).toFixed(2)} |`);
    log(`| \`npm start\`, idle after start (the server above) | ${rssIdle.toFixed(0)} | ${(rssIdle / rssTsx).toFixed(2)} |`);
    log(`| \`npm start\`, after the load above (1,000 comments stored) | ${rssOf(server.pid!).toFixed(0)} | ${(rssOf(server.pid!) / rssTsx).toFixed(2)} |`);
    log();
    log(`Database file: ${(statSync(join(dataDir, 'colloquy.sqlite')).size / 1024).toFixed(0)} KB.`);
  } finally {
    renderer.server.kill('SIGTERM');
    await new Promise((r) => renderer.server.on('exit', r));
    await stopServer(server, dataDir);
  }
  log();
  await benchPosting(log);
  await benchLiveStreams(log);
  // The big-threads section is written by `npm run bench -- --big` (bench/big.ts): kept as it is.
  writeFileSync('BENCHMARKS.md', `${lines.join('\n')}\n${keptBigSection()}`);
}

// `--big`: only the big-thread comparison, into its own section of BENCHMARKS.md.
(process.argv.includes('--big') ? runBig() : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
