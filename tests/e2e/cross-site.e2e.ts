// Another site cannot post comments through its visitors' browsers (issue 7):
// a page on another origin tries the two ways a browser allows without asking
// the server first, a no-cors fetch and a form with enctype="text/plain".
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commentListSchema } from '../../src/contract/schemas';
import { richToText } from '../../src/domain/content/plain-text';
import { useBrowser } from './support/browser';
import { SLUG } from './support/colloquy';
import { startRealServer, type RealServer } from './support/real-server';

const harness = useBrowser();
let server: RealServer;
let evil: Server;
let evilUrl: string;

/** The attacker's page: a no-cors fetch, then a text/plain form whose one field spells out a JSON comment. */
function attackPage(target: string): string {
  const field = JSON.stringify({ author: 'Form', email: 'form@evil.example', body: 'Posted by a form on another site.', z: '' }).slice(0, -2);
  return `<!doctype html><title>Win a prize</title>
<form id="attack" method="POST" enctype="text/plain" action="${target}">
  <input type="hidden" name='${field}' value='"}'>
</form>
<script>
  fetch(${JSON.stringify(target)}, {
    method: 'POST',
    mode: 'no-cors',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({ author: 'Fetch', email: 'fetch@evil.example', body: 'Posted by a fetch on another site.' }),
  }).finally(() => document.getElementById('attack').submit());
</script>`;
}

beforeAll(async () => {
  server = await startRealServer();
  const target = `${server.url}/api/articles/${SLUG}/comments`;
  evil = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(attackPage(target));
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => evil?.close(resolve));
  await server?.close();
});

describe('cross-site posting', () => {
  test('a page on another origin stores nothing, by no-cors fetch or by text/plain form', async () => {
    const t = await harness.newPage();
    // The browser reports the refused requests; that is the point here.
    t.allowConsoleError(/status of 403/);
    // Shown a bare JSON answer, the browser asks the API's host for a favicon it does not serve.
    t.allowConsoleError(/favicon\.ico/);
    await t.page.goto(evilUrl);
    // The form navigates to the API's answer: a JSON 403, as for any client.
    await t.page.waitForURL(`${server.url}/**`);
    const answer = JSON.parse((await t.page.locator('body').innerText()).trim()) as { error: { code: string } };
    expect(answer.error.code).toBe('cross_site_request');

    const { comments } = commentListSchema.parse(await (await fetch(`${server.url}/api/articles/${SLUG}/comments`)).json());
    const texts = comments.map((c) => richToText(c.content));
    expect(texts.filter((text) => /on another site/.test(text))).toEqual([]);
    expect(comments.map((c) => c.author)).not.toContain('Form');
    expect(comments.map((c) => c.author)).not.toContain('Fetch');
  });
});
