// Starts the real server in-process on a random port for HTTP tests.
import { afterEach } from 'vitest';
import { loadConfig, type Config } from '../../src/server/config';
import { startServer, type RunningServer, type StartOptions } from '../../src/server/main';
import { tempDir } from './temp-dir';

export interface TestServer extends RunningServer {
  config: Config;
  dataDir: string;
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the server and removes its data directory. */
  dispose(): Promise<void>;
}

export async function startTestServer(
  env: Record<string, string> = {},
  options: StartOptions & { dataDir?: string } = {},
): Promise<TestServer> {
  const dir = options.dataDir ? undefined : tempDir('colloquy-server-');
  const dataDir = options.dataDir ?? dir!.path;
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', FLOOD_INTERVAL_SECONDS: '0', ...env });
  const running = await startServer(config, { web: false, ...options });
  return {
    ...running,
    config,
    dataDir,
    api: (path, init) => fetch(`${running.url}${path}`, init),
    async dispose() {
      await running.close();
      dir?.remove();
    },
  };
}

export const postJson = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** Servers started by a test are disposed after it, with any other cleanups it registers. */
export function useTestServers() {
  let servers: TestServer[] = [];
  const cleanups: Array<() => void> = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.dispose()));
    servers = [];
    while (cleanups.length) cleanups.pop()!();
  });
  return {
    cleanups,
    async start(...args: Parameters<typeof startTestServer>) {
      const server = await startTestServer(...args);
      servers.push(server);
      return server;
    },
  };
}
