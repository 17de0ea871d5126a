// Server entry: renders a URL to HTML with the data the server already loaded,
// and hands back the title, description, cache and HTTP status to go with it.
import { dehydrate } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { parse } from 'regexparam';
import { matchRoute, Router } from 'wouter';
import type { RenderData, RenderResult } from '../contract/ssr';
import { App } from './app/app';
import { ROUTES, routedPath, slugFromParam } from './app/paths';
import { Providers } from './app/providers';
import { createQueryClient } from './app/query-client';
import { ADMIN_TITLE } from './app/routes/admin-route';
import { NOT_FOUND_TITLE } from './app/routes/not-found-page';
import { getArticleQueryOptions } from './features/articles/api/get-article';
import { getArticlesQueryOptions } from './features/articles/api/get-articles';
import { getCommentsQueryOptions } from './features/comments/api/get-comments';
import { requestedCommentsPage } from './features/comments/lib/use-requested-page';
import { effectiveSort } from './features/comments/lib/use-sort';
import { pageTitle } from './lib/use-document-title';

const FRONT_DESCRIPTION = 'Articles and the conversations under them.';

/** Whether the path matches a route, and its params, as wouter matches them in the browser (regexparam is its parser). */
const match = <Route extends string>(route: Route, path: string) => matchRoute(parse, route, path);

export function render(url: string, data: RenderData): RenderResult {
  const queryClient = createQueryClient();
  const { pathname, search } = new URL(url, 'http://localhost');
  const path = routedPath(pathname);
  let status = 200;
  let title = pageTitle();
  let description = FRONT_DESCRIPTION;
  let noindex = false;

  if (match(ROUTES.front, path)[0]) {
    if (data.articles) queryClient.setQueryData(getArticlesQueryOptions().queryKey, data.articles);
  } else if (match(ROUTES.admin, path)[0]) {
    // The moderators' page: a shell the browser fills in, kept out of search engines.
    title = pageTitle(ADMIN_TITLE);
    description = 'Moderation of the comments.';
    noindex = true;
  } else {
    // The slug as the reader page will see it: decoded ("επίπεδο-2", not "%CE%B5…"); a malformed one as it is.
    const param = match(ROUTES.article, path)[1]?.slug;
    const slug = param === undefined ? undefined : slugFromParam(param);
    if (slug !== undefined && data.article && data.article.slug === slug) {
      queryClient.setQueryData(getArticleQueryOptions(slug).queryKey, data.article);
      const firstPage = requestedCommentsPage(search);
      if (data.comments !== undefined && firstPage !== null) {
        // What everyone sees; a browser that has posted refetches it at once (get-comments.ts). In the
        // order the URL names: the server puts a remembered order there (src/server/app.ts pageKey).
        const pages = { pages: [data.comments], pageParams: [firstPage] };
        queryClient.setQueryData(getCommentsQueryOptions(slug, firstPage, effectiveSort(search)).queryKey, pages);
      }
      // The article, saying there is no such page of its comments (a crawler should drop the address).
      if (data.comments === null || firstPage === null) status = 404;
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
      {/* The search too, so useSearch() (say ?comments-page=2) renders the same here as in the browser. */}
      <Router ssrPath={pathname} ssrSearch={search}>
        <App />
      </Router>
    </Providers>,
  );
  // The server escapes it for the page (src/server/ssr.ts serializeState).
  const state = dehydrate(queryClient);
  queryClient.clear();
  return { html, title, description, state, status, noindex };
}
