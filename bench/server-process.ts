// Helpers the benchmarks share: starting the server as `npm start` runs it,
// and driving it with keep-alive connections.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../tests/support/free-port';

/**
 * Requests over keep-alive connections with node:http, reading the bytes as
 * they come and never decompressing them: the client's work stays out of the
 * server's figures (fetch would inflate every compressed body on the same CPUs).
 */
export async function load(url: () => string, init: RequestInit | (() => RequestInit), total: number, concurrency: number) {
  const { Agent, request } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const once = (target: string, options: RequestInit) =>
    new Promise<number>((resolve, reject) => {
      const headers = Object.fromEntries(new Headers(options.headers).entries());
      const req = request(target, { method: options.method ?? 'GET', headers, agent }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(typeof options.body === 'string' ? options.body : undefined);
    });
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          next++;
          const t0 = performance.now();
          const target = url();
          const status = await once(target, typeof init === 'function' ? init() : init);
          if (status >= 400) throw new Error(`${target} answered ${status}`);
          times.push(performance.now() - t0);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.floor(times.length * q)];
  return { rps: total / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export async function startBenchServer(args: string[], options: { dataDir?: string; env?: Record<string, string> } = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'colloquy-bench-'));
  const port = await freePort();
  const server = spawn(process.execPath, args, {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      FLOOD_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'silent',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // Let start-up work (asset precompression) settle before measuring.
  await new Promise((r) => setTimeout(r, 3000));
  return { server, base, dataDir };
}

export async function stopServer(server: ReturnType<typeof spawn>, dataDir: string) {
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
