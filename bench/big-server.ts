// The comment server on big threads, against yardsticks measured in the same run:
// (a) a 500-comment list under wrk, against json-server and nginx serving the same
// JSON; (b) a fresh server render of the reader page (PAGE_CACHE_SECONDS=0) at
// 100, 1,000 and 10,000 comments.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateThread } from '../tests/support/thread-generator';
import { freePort } from '../tests/support/free-port';
import { ensureDebianPackage, type Nginx } from './nginx';
import { startBenchServer, stopServer } from './server-process';

const JSON_SERVER = 'json-server@0.17.4';
const WRK = ['-t2', '-c50', '-d10s', '--latency', '-H', 'Accept-Encoding: gzip'];
const RENDER_SIZES = (process.env.BENCH_RENDER_SIZES ?? "100,1000,10000").split(",").map(Number);
const RENDERS = 20;
const BROWSER_ENCODINGS = 'gzip, deflate, br';

/** One GET, its body kept as sent (never decompressed), timed to the last byte. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; encoding: string; body: Buffer; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    // A connection of its own (no keep-alive pool): a server closing an idle pooled socket cannot fail the next request.
    request(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, encoding: String(res.headers['content-encoding'] ?? 'none'), body: Buffer.concat(chunks), ms: performance.now() - t0 }),
      );
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** wrk's requests a second and 99th percentile latency (ms). */
function wrk(url: string): { rps: number; p99: number } {
  execFileSync('wrk', ['-t2', '-c50', '-d2s', '-H', 'Accept-Encoding: gzip', url], { stdio: 'ignore' });
  const out = execFileSync('wrk', [...WRK, url], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const [, value, unit] = /\n\s+99%\s+([\d.]+)(us|ms|s)/.exec(out) ?? [];
  const p99 = Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
  if (/Non-2xx/.test(out)) throw new Error(`wrk ${url}: non-2xx answers\n${out}`);
  return { rps, p99 };
}

function importThread(dataDir: string, work: string, size: number, seed: number, paragraphs: string[] | undefined): string {
  const slug = `server-thread-${size}`;
  const file = join(work, `${slug}.json`);
  writeFileSync(file, JSON.stringify(generateThread({ comments: size, seed, slug, paragraphs })));
  execFileSync('npx', ['tsx', 'src/server/cli/import-wxr.ts', file], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, stdio: ['ignore', 'ignore', 'inherit'] });
  return slug;
}

async function startJsonServer(dbFile: string) {
  const port = await freePort();
  // A process group of its own, so stopping it stops npx's child too.
  const child = spawn('npx', ['--yes', JSON_SERVER, '--port', String(port), '--host', '127.0.0.1', '--quiet', dbFile], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    try {
      await rawGet(`${base}/db`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    base,
    async stop() {
      const exited = new Promise((r) => (child.exitCode === null ? child.on('exit', r) : r(null)));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 2 ** 20).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export interface ServerComparisonInput {
  work: string;
  www: string;
  nginx: Nginx;
  paragraphs: string[] | undefined;
}

export async function serverComparisons({ work, www, nginx, paragraphs }: ServerComparisonInput): Promise<string[]> {
  ensureDebianPackage('/usr/bin/wrk', 'wrk');
  const dataDir = mkdtempSync(join(tmpdir(), 'colloquy-big-server-'));
  const slugs = new Map<number, string>();
  for (const size of [500, ...RENDER_SIZES]) slugs.set(size, importThread(dataDir, work, size, 50_000 + size, paragraphs));
  const lines: string[] = [];
  const cached = await startBenchServer(['scripts/start.mjs'], { dataDir });
  const renderer = await startBenchServer(['scripts/start.mjs'], { dataDir, env: { PAGE_CACHE_SECONDS: '0' } });
  try {
    // (a) The 500-comment list: the same JSON from Colloquy, json-server and nginx.
    const listPath = `/api/articles/${slugs.get(500)}/comments`;
    const list = await rawGet(`${cached.base}${listPath}`, { 'Accept-Encoding': 'identity' });
    if (list.status !== 200) throw new Error(`${listPath} answered ${list.status}`);
    const listed = (list.body.toString('utf8').match(/"avatar":/g) ?? []).length;
    writeFileSync(join(www, 'comments-500.json'), list.body);
    writeFileSync(join(www, 'comments-500-precompressed.json'), list.body);
    writeFileSync(join(www, 'comments-500-precompressed.json.gz'), gzipSync(list.body, { level: 9 }));
    const dbFile = join(work, 'db.json');
    writeFileSync(dbFile, `{"comments500":${list.body.toString('utf8')}}`);
    const jsonServer = await startJsonServer(dbFile);
    const targets = [
      { name: "Colloquy's `GET /api/articles/SLUG/comments`", url: `${cached.base}${listPath}` },
      { name: `json-server ${JSON_SERVER.split('@')[1]} (the same body as a resource)`, url: `${jsonServer.base}/comments500` },
      { name: 'nginx, the same JSON as a static file (gzip on the fly, level 6)', url: `${nginx.base}/comments-500.json` },
      { name: 'nginx, the same JSON precompressed (`gzip_static`, gzip -9)', url: `${nginx.base}/comments-500-precompressed.json` },
    ];
    const results = [];
    try {
      for (const target of targets) {
        const sent = await rawGet(target.url, { 'Accept-Encoding': 'gzip' });
        results.push({ ...target, ...wrk(target.url), bytes: sent.body.length, encoding: sent.encoding });
      }
    } finally {
      await jsonServer.stop();
    }
    const [ours, jsonServerResult, nginxResult, nginxPrecompressed] = results;
    lines.push('## Big threads: the comment server against json-server and nginx (`npm run bench -- --big`)', '');
    lines.push(
      `(a) The comment list of a 500-comment article (${listed} comments in the answer, ${kb(list.body.length)} uncompressed): \`wrk ${WRK.slice(0, -2).join(' ')} -H '${WRK[WRK.length - 1]}'\` on loopback, 2 s of warm-up first; ` +
        'wrk, the server and the yardstick share the machine\'s CPUs. json-server pretty-prints the body it is given.',
      '',
    );
    lines.push('| server | req/s | p99 ms | bytes sent (gzip) | ratio of Colloquy\'s req/s to it | target | met |');
    lines.push('|---|---|---|---|---|---|---|');
    const p99Met = ours.p99 < 20;
    lines.push(`| ${ours.name} | ${ours.rps.toFixed(0)} | ${ours.p99.toFixed(1)} | ${kb(ours.bytes)} (${ours.encoding}) | | p99 < 20 ms | ${p99Met ? 'yes' : 'no'} |`);
    const misses: string[] = [];
    if (!p99Met) misses.push(`Colloquy's p99 is ${ours.p99.toFixed(1)} ms, ${(ours.p99 / 20).toFixed(1)}× the 20 ms target.`);
    for (const [other, target] of [
      [jsonServerResult, 3],
      [nginxResult, 0.5],
    ] as const) {
      const ratio = ours.rps / other.rps;
      const met = ratio >= target;
      if (!met) misses.push(`Against ${other.name}: ${ratio.toFixed(2)}×, target ≥ ${target}× (${((1 - ratio / target) * 100).toFixed(0)} % short).`);
      lines.push(`| ${other.name} | ${other.rps.toFixed(0)} | ${other.p99.toFixed(1)} | ${kb(other.bytes)} (${other.encoding}) | ${ratio.toFixed(2)}× | ≥ ${target}× | ${met ? 'yes' : 'no'} |`);
    }
    const precompressedRatio = ours.rps / nginxPrecompressed.rps;
    lines.push(
      `| ${nginxPrecompressed.name} | ${nginxPrecompressed.rps.toFixed(0)} | ${nginxPrecompressed.p99.toFixed(1)} | ${kb(nginxPrecompressed.bytes)} (${nginxPrecompressed.encoding}) | ${precompressedRatio.toFixed(2)}× | — (for reference) | |`,
    );
    lines.push('');
    lines.push('Colloquy answers a 200 from a list compressed once per article version, so the fair static yardstick is nginx sending a precompressed file; the on-the-fly row (the target\'s yardstick) makes nginx gzip every answer.');
    lines.push('');

    // (b) A fresh render of the reader page, sequentially, on the instance without page cache.
    lines.push(
      `(b) A fresh server render of the reader page (a second instance on the same database with \`PAGE_CACHE_SECONDS=0\`): ${RENDERS} sequential requests a size after 2 unmeasured, ` +
        `\`Accept-Encoding: ${BROWSER_ENCODINGS}\`, time to the last byte; "rendered comments" counts the \`<article id="comment-…">\` in the page.`,
      '',
    );
    lines.push('| article | ms per render (median) | HTML sent | HTML uncompressed | rendered comments | ms per rendered comment | ratio to 100 comments (ms) |');
    lines.push('|---|---|---|---|---|---|---|');
    const renders = new Map<number, number>();
    for (const size of RENDER_SIZES) {
      const url = `${renderer.base}/articles/${slugs.get(size)}`;
      for (let i = 0; i < 2; i++) await rawGet(url, { 'Accept-Encoding': BROWSER_ENCODINGS });
      const times: number[] = [];
      let sent: Awaited<ReturnType<typeof rawGet>> | undefined;
      for (let i = 0; i < RENDERS; i++) {
        const answer = await rawGet(url, { 'Accept-Encoding': BROWSER_ENCODINGS });
        if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
        times.push(answer.ms);
        sent = answer;
      }
      const plain = await rawGet(url, { 'Accept-Encoding': 'identity' });
      const rendered = (plain.body.toString('utf8').match(/<article[^>]*\sid="comment-\d+"/g) ?? []).length;
      const ms = median(times);
      renders.set(size, ms);
      const ratio = ms / renders.get(RENDER_SIZES[0])!;
      lines.push(
        `| ${size.toLocaleString('en')} comments | ${ms.toFixed(1)} | ${kb(sent!.body.length)} (${sent!.encoding}) | ${kb(plain.body.length)} | ${rendered} | ${rendered ? (ms / rendered).toFixed(3) : ''} | ${ratio.toFixed(2)}× |`,
      );
    }
    const big = (renders.get(10_000) ?? NaN) / (renders.get(100) ?? NaN);
    const renderMet = big <= 1;
    if (!renderMet) misses.push(`A fresh render of the 10,000-comment page costs ${big.toFixed(2)}× the 100-comment one (target ≤ 1.0×).`);
    lines.push('');
    lines.push(`Target: the first page of a 10,000-comment thread costs no more than a 100-comment thread's (ratio ≤ 1.0×). This run: ${big.toFixed(2)}× (${renderMet ? 'met' : 'missed'}).`);
    lines.push('');
    if (misses.length) lines.push('Server targets missed:', '', ...misses.map((miss) => `- ${miss}`), '');
    else lines.push('Every server target was met.', '');
  } finally {
    await stopServer(renderer.server, dataDir);
    await stopServer(cached.server, dataDir);
  }
  return lines;
}
