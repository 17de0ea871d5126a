// Email notifications' links: confirming a subscription and unsubscribing. The links in
// emails open small pages whose form POSTs (a mail scanner that follows links changes
// nothing); the List-Unsubscribe header's URL takes RFC 8058's one-click POST. The API
// answers JSON (src/contract/notifications.ts); the pages work without JavaScript and
// need neither inline script nor style (the Content-Security-Policy allows none).
import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import { ApiError } from '../contract/api-error';
import { SITE_NAME } from '../contract/constants';
import { notificationTokenRequestSchema, type NotificationResult } from '../contract/notifications';
import { parseJsonBody } from '../contract/parse-body';
import { articlePath } from '../contract/permalinks';
import { crossSiteRefusal, requireJson } from '../contract/routing';
import { NOTIFICATION_PATHS } from '../domain/notifications/messages';
import type { Notifier } from '../domain/notifications/notifier';
import { readBody } from './read-body';
import { escapeHtml } from './ssr';

type Action = 'confirm' | 'unsubscribe';

const missingToken = () => new ApiError('bad_request', 'This needs the token from the email’s link (?token=…).');

/** The token: from the query (the links and List-Unsubscribe), else a JSON body {"token": …}. */
async function apiToken(c: Context): Promise<string> {
  const fromQuery = c.req.query('token');
  if (fromQuery) return fromQuery;
  const type = c.req.header('Content-Type') ?? '';
  // RFC 8058's body says only "List-Unsubscribe=One-Click": the token is in the URL.
  if (type.toLowerCase().startsWith('application/x-www-form-urlencoded')) throw missingToken();
  requireJson(type);
  const parsed = notificationTokenRequestSchema.safeParse(parseJsonBody(await readBody(c.req.raw)));
  if (!parsed.success) throw missingToken();
  return parsed.data.token;
}

const TEXT: Record<Action, { title: string; ask: string; button: string; done: (r: NotificationResult) => string }> = {
  confirm: {
    title: 'Confirm email notifications',
    ask: 'Get an email when someone replies to your comment on',
    button: 'Yes, email me replies',
    done: (r) => (r.changed ? 'Confirmed: you will get an email when someone replies to your comment on' : 'This was confirmed already: you get an email when someone replies to your comment on'),
  },
  unsubscribe: {
    title: 'Unsubscribe',
    ask: 'Stop the emails about replies to your comment on',
    button: 'Unsubscribe',
    done: (r) => (r.changed ? 'Unsubscribed: you will get no more emails about replies to your comment on' : 'You were unsubscribed already: no more emails are sent about replies to your comment on'),
  },
};

/** A page of its own, dressed as the site's (its stylesheet, header and main column), with no script. */
function page(title: string, body: string, styles: string): string {
  // Referrer "same-origin", not "no-referrer": under no-referrer the form's POST would carry
  // "Origin: null", which the cross-site check refuses; the token still never leaves the site.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="same-origin">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<title>${escapeHtml(title)} – ${SITE_NAME}</title>
${styles}
</head>
<body>
<header class="site-header"><a class="site-name" href="/">${SITE_NAME}</a></header>
<main id="main" class="site-main notification-page">
<h1 class="page-title">${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

export interface NotificationPageOptions {
  allowedOrigins: readonly string[];
  /** The site's stylesheet as <style> elements the CSP allows (empty without a client build). */
  styles: string;
}

export function notificationRoutes(app: Hono<{ Bindings: Partial<HttpBindings> }>, notifier: Notifier, { allowedOrigins, styles }: NotificationPageOptions): void {
  const htmlPage = (c: Context, status: number, title: string, body: string) => {
    // The address holds the token: no cache keeps the page.
    c.header('Cache-Control', 'no-store');
    return c.html(page(title, body, styles), status as 200);
  };
  const run = (action: Action, token: string) => (action === 'confirm' ? notifier.confirm(token) : notifier.unsubscribe(token));

  for (const action of ['confirm', 'unsubscribe'] as const) {
    const text = TEXT[action];
    const apiPath = action === 'confirm' ? NOTIFICATION_PATHS.confirmApi : NOTIFICATION_PATHS.unsubscribeApi;
    const pagePath = action === 'confirm' ? NOTIFICATION_PATHS.confirmPage : NOTIFICATION_PATHS.unsubscribePage;

    app.post(apiPath, async (c) => c.json(await run(action, await apiToken(c))));

    // Opening the link changes nothing by itself: it asks, and the button POSTs.
    app.get(pagePath, async (c) => {
      const token = c.req.query('token') ?? '';
      let article: NotificationResult['article'];
      try {
        if (!token) throw missingToken();
        ({ article } = await notifier.describe(token));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return htmlPage(c, error.status, text.title, `<p>${escapeHtml(error.message)}</p>`);
      }
      return htmlPage(
        c,
        200,
        text.title,
        `<form method="post" action="${pagePath}">
<p>${escapeHtml(text.ask)} “${escapeHtml(article.title)}”?</p>
<input type="hidden" name="token" value="${escapeHtml(token)}">
<p><button type="submit" class="button button-primary">${escapeHtml(text.button)}</button></p>
</form>`,
      );
    });

    app.post(pagePath, async (c) => {
      try {
        const refused = crossSiteRefusal(
          { method: 'POST', origin: c.req.header('Origin') ?? null, secFetchSite: c.req.header('Sec-Fetch-Site') ?? null, host: new URL(c.req.url).host },
          allowedOrigins,
        );
        if (refused) throw refused;
        const form = new URLSearchParams(new TextDecoder().decode(await readBody(c.req.raw)));
        const token = form.get('token');
        if (!token) throw missingToken();
        const result = await run(action, token);
                return htmlPage(
          c,
          200,
          text.title,
          `<p>${escapeHtml(text.done(result))} <a href="${escapeHtml(articlePath(result.article.slug))}">${escapeHtml(result.article.title)}</a>.</p>`,
        );
      } catch (error) {
        // Anything unexpected goes to the app's error handler, which logs it.
        if (!(error instanceof ApiError)) throw error;
        return htmlPage(c, error.status, text.title, `<p>${escapeHtml(error.message)}</p>`);
      }
    });
  }
}
