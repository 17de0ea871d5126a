// The comment server as production runs it, on SQLite in a temporary DATA_DIR.
//
// By default it is a child process (`node --import tsx src/server/main.ts`), which
// is closest to production and makes a restart a real restart. Set
// E2E_SERVER_MODE=inprocess to use `startServer(loadConfig(env))` from
// src/server/main.ts instead. Both restart on the same DATA_DIR and port.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, inject } from 'vitest';
import { freePort } from '../../support/free-port';
import { buildPaths, ROOT } from './paths';

export interface RealServer {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server and starts it again on the same DATA_DIR and port. */
  restart(): Promise<void>;
  /** Stops the server (pages then get connection errors) until start(). */
  stop(): Promise<void>;
  /** Starts it again after stop(), on the same DATA_DIR and port. */
  start(): Promise<void>;
  /** Stops the server and removes the temporary DATA_DIR. */
  close(): Promise<void>;
  /** What the server printed so far (child-process mode), for failure messages. */
  output(): string;
}

export interface RealServerOptions {
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

function serverEnv(port: number, dataDir: string, extra: Record<string, string>): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    FLOOD_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...extra,
  };
}

async function waitForHealth(url: string, timeoutMs: number, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const exit = exited();
    if (exit) throw new Error(`the server exited before it was healthy (${exit})`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    // Polling a readiness probe, not a fixed wait for the test's sake.
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server at ${url} was not healthy within ${timeoutMs} ms (${last})`);
}

interface Running {
  url: string;
  port: number;
  stop(): Promise<void>;
}

async function startChild(buildRoot: string, port: number, dataDir: string, opts: RealServerOptions, log: string[]): Promise<Running> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...serverEnv(port, dataDir, opts.env ?? {}) };
  delete env.DATABASE_URL; // always SQLite here
  // cwd is the e2e build root, so the server's default `dist` is the one built for the tests.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/server/main.ts')], {
    cwd: buildRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exit: string | undefined;
  const exited = new Promise<void>((r) =>
    child.once('exit', (code, signal) => {
      exit = `code ${code}, signal ${signal}`;
      r();
    }),
  );
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, opts.startTimeoutMs ?? 30_000, () => exit);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`Could not start src/server/main.ts: ${(error as Error).message}\n--- server output ---\n${log.join('')}`);
  }
  return {
    url,
    port,
    stop: async () => {
      if (exit) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

interface ServerModule {
  startServer(config: unknown, options?: { distDir?: string }): Promise<{ url: string; port: number; close(): Promise<void> | void }>;
}
interface ConfigModule {
  loadConfig(env: Record<string, string | undefined>): unknown;
}

async function startInProcess(distDir: string, port: number, dataDir: string, opts: RealServerOptions): Promise<Running> {
  const main = (await import(pathToFileURL(resolve(ROOT, 'src/server/main.ts')).href)) as Partial<ServerModule>;
  const config = (await import(pathToFileURL(resolve(ROOT, 'src/server/config.ts')).href)) as ConfigModule;
  if (typeof main.startServer !== 'function') {
    throw new Error('src/server/main.ts does not export startServer(config); run without E2E_SERVER_MODE=inprocess.');
  }
  const running = await main.startServer(config.loadConfig(serverEnv(port, dataDir, opts.env ?? {})), {
    distDir,
  });
  const url = running.url.replace(/\/$/, '');
  await waitForHealth(url, opts.startTimeoutMs ?? 30_000, () => undefined);
  return { url, port: running.port, stop: async () => void (await running.close()) };
}

export async function startRealServer(opts: RealServerOptions = {}): Promise<RealServer> {
  const build = buildPaths(inject('e2eBuildRoot'));
  for (const dir of [build.clientDir, build.ssrDir]) {
    if (!existsSync(dir)) throw new Error(`${dir} does not exist: run \`npm run build:client && npm run build:ssr\` (the e2e global setup does).`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'colloquy-e2e-'));
  const inProcess = process.env.E2E_SERVER_MODE === 'inprocess';
  const log: string[] = [];
  const start = (port: number) => (inProcess ? startInProcess(build.distDir, port, dataDir, opts) : startChild(build.root, port, dataDir, opts, log));
  let running = await start(inProcess ? 0 : await freePort());
  const port = running.port;
  return {
    get url() {
      return running.url;
    },
    port,
    dataDir,
    output: () => log.join(''),
    restart: async () => {
      await running.stop();
      running = await start(port);
    },
    stop: () => running.stop(),
    start: async () => {
      running = await start(port);
    },
    close: async () => {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A real server for a whole test file: started before its tests, closed after them.
 * The returned object stands for it (usable inside tests and hooks, once started).
 */
export function useRealServer(options: RealServerOptions = {}): RealServer {
  let started: RealServer | undefined;
  beforeAll(async () => {
    started = await startRealServer(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  const current = () => {
    if (!started) throw new Error('The real server is used before it started (use it inside a test or a hook).');
    return started;
  };
  return {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    get dataDir() {
      return current().dataDir;
    },
    restart: () => current().restart(),
    stop: () => current().stop(),
    start: () => current().start(),
    close: () => current().close(),
    output: () => current().output(),
  };
}
