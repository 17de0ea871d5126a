// Email notifications as every backend answers them without email (the MSW mock, and
// the server without SMTP_URL): the article says so, and a post's `notify` is checked
// like any field but subscribes nobody. With email, see tests/server/notifications.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import seed from '../../src/content/seed-article.json';
import { apiErrorSchema, articleSchema, postCommentResponseSchema } from '../../src/contract/schemas';
import type { ContractTarget, TargetFactory } from './contract-suite';

const SLUG = seed.article.slug;

export function runNotificationsContract(name: string, start: TargetFactory) {
  describe(`Notifications contract: ${name}`, () => {
    let target: ContractTarget;
    beforeAll(async () => {
      target = await start({ floodIntervalSeconds: 0 });
    });
    afterAll(async () => {
      await target?.close();
    });

    const post = (body: object) =>
      fetch(`${target.baseUrl}/api/articles/${SLUG}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ author: 'Nora', email: 'nora@example.com', ...body }),
      });

    it('says replies are not emailed, so the form offers no checkbox', async () => {
      const article = articleSchema.parse(await (await fetch(`${target.baseUrl}/api/articles/${SLUG}`)).json());
      expect(article.replyNotifications).toBe(false);
    });

    it('takes notify: true as a wish it cannot grant (201), and refuses a notify that is not true or false', async () => {
      const granted = await post({ body: 'Email me, if you can.', notify: true });
      expect(granted.status).toBe(201);
      postCommentResponseSchema.parse(await granted.json());
      const refused = await post({ body: 'Email me, maybe.', notify: 'yes' });
      expect(refused.status).toBe(422);
      expect(apiErrorSchema.parse(await refused.json()).error).toMatchObject({
        code: 'validation_failed',
        fields: { notify: 'notify must be true or false.' },
      });
    });

    it('has no confirmation or unsubscribe endpoint without email', async () => {
      for (const path of ['/api/notifications/confirm', '/api/notifications/unsubscribe']) {
        const response = await fetch(`${target.baseUrl}${path}?token=${'0'.repeat(64)}`, { method: 'POST' });
        expect(response.status).toBe(404);
        expect(apiErrorSchema.parse(await response.json()).error.code).toBe('not_found');
      }
    });
  });
}
