// Server entry: renders a URL to HTML with the data the server already loaded,
// and hands back the title, description, cache and HTTP status to go with it.
import { dehydrate } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { matchPath, StaticRouter } from 'react-router';
import type { RenderData, RenderResult } from '../contract/ssr';
import { App, ROUTES } from './app/app';
import { Providers } from './app/providers';
import { createQueryClient } from './app/query-client';
import { NOT_FOUND_TITLE } from './app/routes/not-found-page';
import { getArticleQueryOptions } from './features/articles/api/get-article';
import { getArticlesQueryOptions } from './features/articles/api/get-articles';
import { getCommentsQueryOptions } from './features/comments/api/get-comments';
import { pageTitle } from './lib/use-document-title';

const FRONT_DESCRIPTION = 'Articles and the conversations under them.';

/** The slug as the browser's router will see it: decoded ("επίπεδο-2", not "%CE%B5…"); a malformed one as it is. */
function decodedParam(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function render(url: string, data: RenderData): RenderResult {
  const queryClient = createQueryClient();
  const pathname = new URL(url, 'http://localhost').pathname;
  let status = 200;
  let title = pageTitle();
  let description = FRONT_DESCRIPTION;

  if (matchPath(ROUTES.front, pathname)) {
    if (data.articles) queryClient.setQueryData(getArticlesQueryOptions().queryKey, data.articles);
  } else {
    const slug = decodedParam(matchPath(ROUTES.article, pathname)?.params.slug);
    if (slug !== undefined && data.article && data.article.slug === slug) {
      queryClient.setQueryData(getArticleQueryOptions(slug).queryKey, data.article);
      if (data.comments) {
        // Marked as old on purpose: the browser refetches at once with its author
        // token, to add this reader's own comments that await moderation.
        queryClient.setQueryData(getCommentsQueryOptions(slug).queryKey, data.comments, { updatedAt: 0 });
      }
      title = pageTitle(data.article.title);
      description = data.article.excerpt;
    } else {
      // Unknown route or unknown slug. For a slug, cache "no such article" (null)
      // so the browser hydrates the same not-found page the server sent.
      if (slug !== undefined) queryClient.setQueryData(getArticleQueryOptions(slug).queryKey, null);
      status = 404;
      title = pageTitle(NOT_FOUND_TITLE);
      description = 'There is nothing at this address.';
    }
  }

  const html = renderToString(
    <Providers queryClient={queryClient}>
      <StaticRouter location={url}>
        <App />
      </StaticRouter>
    </Providers>,
  );
  // The server escapes it for the page (src/server/ssr.ts serializeState).
  const state = dehydrate(queryClient);
  queryClient.clear();
  return { html, title, description, state, status };
}
