// What the HTTP server allows each client (issue 7): time to send a request,
// connections at once, JSON answers for requests Node cannot parse, quiet logs
// when a client hangs up, and 503 from the health check without a database.
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src/contract/schemas';
import { createCommentService } from '../../src/domain/comment-service';
import { createMemoryStore } from '../../src/domain/memory-store';
import { SEED_SLUG } from '../../src/domain/seed';
import { createApp } from '../../src/server/app';
import { createLogger } from '../../src/server/log';
import { useTestServers } from '../support/server';

const { start } = useTestServers();

/** A raw connection: what it receives, and when the server closed it. */
function rawConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  socket.on('error', () => {});
  return { socket, closed, opened: new Promise<void>((resolve) => socket.once('connect', () => resolve())) };
}

function jsonAnswer(raw: string) {
  const [head, body] = raw.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]), head, error: apiErrorSchema.parse(JSON.parse(body)).error };
}

describe('slow and malformed requests', () => {
  it('answers a request whose headers or body never finish with a JSON 408 within the request timeout', async () => {
    const server = await start({ REQUEST_TIMEOUT_SECONDS: '2' });
    const headers = rawConnection(server.port);
    headers.socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    const body = rawConnection(server.port);
    body.socket.write(`POST /api/articles/${SEED_SLUG}/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"au`);
    for (const raw of await Promise.all([headers.closed, body.closed])) {
      const answer = jsonAnswer(raw);
      expect(answer.status).toBe(408);
      expect(answer.error.code).toBe('request_timeout');
      expect(answer.head).toMatch(/content-security-policy/i);
    }
  });

  it("answers what Node's parser refuses with JSON, not an empty body", async () => {
    const server = await start();
    const garbage = rawConnection(server.port);
    garbage.socket.write('NOT HTTP AT ALL\r\n\r\n');
    const bad = jsonAnswer(await garbage.closed);
    expect(bad).toMatchObject({ status: 400, error: { code: 'bad_request' } });

    const huge = rawConnection(server.port);
    huge.socket.write(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(jsonAnswer(await huge.closed)).toMatchObject({ status: 431, error: { code: 'headers_too_large' } });
  });

  it('holds at most MAX_CONNECTIONS_PER_CLIENT connections from one address', async () => {
    const server = await start({ MAX_CONNECTIONS_PER_CLIENT: '3' });
    const held = [rawConnection(server.port), rawConnection(server.port), rawConnection(server.port)];
    await Promise.all(held.map((c) => c.opened));
    const extra = rawConnection(server.port);
    expect(await extra.closed).toBe('');
    // Those held still work, and a freed place can be taken again.
    held[0].socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(await held[0].closed).toMatch(/^HTTP\/1\.1 200/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await server.api('/api/health')).status).toBe(200);
    for (const c of held) c.socket.destroy();
  });
});

describe('client aborts', () => {
  it('logs a client that hangs up mid-upload as such, never as a server error', async () => {
    const lines: Array<{ level: string; msg: string; status?: number }> = [];
    const logger = createLogger('info', (line) => lines.push(JSON.parse(line) as { level: string; msg: string }));
    const server = await start({}, { logger });
    const upload = rawConnection(server.port);
    upload.socket.write(`POST /api/articles/${SEED_SLUG}/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"author":"x"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    upload.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(lines.map((line) => line.msg)).toContain('client closed the request');
    expect(lines.find((line) => line.msg === 'request' && line.status === 500)).toBeUndefined();
  });
});

describe('health', () => {
  it('answers 503 service_unavailable, not 500, when the database does not answer', async () => {
    const service = createCommentService(createMemoryStore(), { moderation: false, floodIntervalSeconds: 0, duplicateCheck: false, avatarSecret: 'x' });
    const app = createApp({
      service,
      config: { allowedOrigins: [], mediaOrigins: [], adminToken: undefined, trustProxy: false },
      checkHealth: () => Promise.reject(new Error('connection refused')),
    });
    const response = await app.request('/api/health');
    expect(response.status).toBe(503);
    expect(apiErrorSchema.parse(await response.json()).error.code).toBe('service_unavailable');
  });
});
