// The README's first command, as a person runs it: `npm start` builds what is
// missing, bundles the server, serves the seed article from SQLite, keeps a
// posted comment across a restart, and stops cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentListSchema, postCommentResponseSchema } from '../../src/contract/schemas';
import seed from '../../src/content/seed-article.json';
import { freePort } from '../support/free-port';
import { ROOT } from './support/paths';

const SLUG = seed.article.slug;

describe('npm start', () => {
  let dataDir: string;
  let port: number;
  let child: ChildProcess | undefined;
  let output = '';

  async function start() {
    output = '';
    // A person's shell, not the test runner's: no NODE_ENV=test.
    const env = { ...process.env };
    delete env.NODE_ENV;
    child = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) return;
      // Polling a readiness probe while the first start builds the app.
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`npm start did not become healthy:\n${output}`);
  }

  /** SIGTERM to npm itself, as a process manager sends it; resolves when npm has exited. */
  async function stop(): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGTERM');
    await exited;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'colloquy-npm-start-'));
    port = await freePort();
    await start();
  });
  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the seed article, rendered on the server, from the embedded database', async () => {
    const html = await (await fetch(`http://127.0.0.1:${port}/articles/${SLUG}`)).text();
    expect(html).toContain(`<h1 id="article-title">${seed.article.title}</h1>`);
    expect(html).not.toContain('mockServiceWorker');
  });

  it('keeps a posted comment across a restart, and stops cleanly on SIGTERM', async () => {
    const api = `http://127.0.0.1:${port}/api/articles/${SLUG}/comments`;
    const response = await fetch(api, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ parentId: null, author: 'Restart Test', email: 'restart@example.com', url: '', body: 'Still here after a restart.' }),
    });
    expect(response.status).toBe(201);
    const { comment } = postCommentResponseSchema.parse(await response.json());

    await stop();
    // npm handed the signal on: the server finished its work and closed the database.
    expect(output).toContain('"msg":"stopped"');
    await start();
    const { comments } = commentListSchema.parse(await (await fetch(api)).json());
    expect(comments.map((c) => c.id)).toContain(comment.id);
    // The seed is loaded once: a second start does not add the demo comments again.
    expect(comments.filter((c) => c.author === seed.comments[0].author)).toHaveLength(1);
  });
});
