// `npm run soak [-- --clients 50 --seconds 30 --kills 10]`: load and kill.
// N clients post comments for T seconds, retrying failures with the same
// Idempotency-Key and re-sending 10 % of acknowledged posts (as a client whose
// answer was lost would); meanwhile the server is SIGKILLed K times and
// restarted on the same SQLite file. Then every acknowledged comment must be
// stored exactly once. Prints sent / acknowledged / stored / lost / doubled / 5xx.
// Not part of `npm test`: it takes T seconds and all the machine's CPU.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { commentListSchema } from '../src/contract/schemas';
import { richToText } from '../src/domain/content/plain-text';
import { SEED_SLUG } from '../src/domain/seed';
import { freePort } from '../tests/support/free-port';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    kills: { type: 'string', default: '10' },
  },
});
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const KILLS = Number(values.kills);
const RESEND_SHARE = 0.1;

const dataDir = mkdtempSync(join(tmpdir(), 'colloquy-soak-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const path = `${base}/api/articles/${SEED_SLUG}/comments`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: ChildProcess | undefined;
async function startServer(): Promise<void> {
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SERVE_CLIENT: 'off',
      LOG_LEVEL: 'warn',
      // Every client posts from 127.0.0.1: the flood limit would refuse almost all of them.
      FLOOD_INTERVAL_SECONDS: '0',
      MAX_CONNECTIONS_PER_CLIENT: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(50);
  }
}

const counts = { sent: 0, retries: 0, resent: 0, networkErrors: 0, serverErrors: 0, other: 0 };
/** Idempotency key → the comment id the server acknowledged for it. */
const acknowledged = new Map<string, number>();
const bodies = new Map<string, string>();
let running = true;

/** Posts until the server answers (a retry after any failure, same key), as the reader's outbox does. */
async function deliver(key: string, body: string, client: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) counts.retries += 1;
    counts.sent += 1;
    try {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({ author: `Soak client ${client}`, email: `soak${client}@example.com`, body }),
      });
      if (response.status >= 500) counts.serverErrors += 1;
      if (response.status === 200 || response.status === 201) {
        const { comment } = (await response.json()) as { comment: { id: number } };
        const earlier = acknowledged.get(key);
        if (earlier !== undefined && earlier !== comment.id) throw new Error(`Key ${key} acknowledged as ${earlier} and ${comment.id}`);
        acknowledged.set(key, comment.id);
        return;
      }
      if (response.status < 500) {
        counts.other += 1;
        return;
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('Key ')) throw error;
      counts.networkErrors += 1;
    }
    await sleep(20 + Math.random() * 80);
  }
}

async function client(n: number): Promise<void> {
  for (let i = 0; running; i++) {
    const key = `soak-${n}-${i}-${Math.random().toString(36).slice(2, 10)}`;
    const body = `Soak comment ${i} from client ${n} (${key}).`;
    bodies.set(key, body);
    await deliver(key, body, n);
    if (Math.random() < RESEND_SHARE) {
      counts.resent += 1;
      await deliver(key, body, n);
    }
  }
}

/** Kills the server at evenly spaced moments of the run (restarts take their own time, not the next interval's). */
async function killer(started: number): Promise<number> {
  let kills = 0;
  const every = (SECONDS * 1000) / (KILLS + 1);
  while (kills < KILLS) {
    await sleep(started + (kills + 1) * every - Date.now());
    server?.kill('SIGKILL');
    kills += 1;
    await startServer();
  }
  return kills;
}

try {
  await startServer();
  console.log(`Soak: ${CLIENTS} clients for ${SECONDS} s, ${KILLS} SIGKILLs, on SQLite in ${dataDir}`);
  const started = Date.now();
  const clients = Array.from({ length: CLIENTS }, (_, n) => client(n + 1));
  const kills = killer(started);
  await sleep(SECONDS * 1000);
  running = false;
  const killed = await kills;
  await Promise.all(clients);
  const elapsed = (Date.now() - started) / 1000;

  const { comments } = commentListSchema.parse(await (await fetch(path)).json());
  const storedByText = new Map<string, number>();
  for (const comment of comments) {
    const text = richToText(comment.content);
    storedByText.set(text, (storedByText.get(text) ?? 0) + 1);
  }
  const ackedKeys = [...acknowledged.keys()];
  const lost = ackedKeys.filter((key) => !storedByText.has(bodies.get(key)!)).length;
  const doubled = [...storedByText.values()].filter((count) => count > 1).length;
  const stored = ackedKeys.filter((key) => storedByText.has(bodies.get(key)!)).length;

  const rows: Array<[string, number | string]> = [
    ['clients / seconds / SIGKILLs', `${CLIENTS} / ${elapsed.toFixed(1)} / ${killed}`],
    ['requests sent', counts.sent],
    ['  of which retries after a failure', counts.retries],
    ['  of which re-sends of acknowledged posts', counts.resent],
    ['comments acknowledged (200/201)', acknowledged.size],
    ['acknowledged and stored', stored],
    ['lost (acknowledged, not stored)', lost],
    ['doubled (stored more than once)', doubled],
    ['5xx answers', counts.serverErrors],
    ['connection errors (server down)', counts.networkErrors],
    ['other 4xx', counts.other],
  ];
  console.log('\n| measure | value |\n|---|---|');
  for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
  process.exitCode = lost === 0 && doubled === 0 && counts.serverErrors === 0 ? 0 : 1;
} finally {
  server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}
