// The <link rel="alternate"> elements by which feed readers find the comment feeds
// from a page: in the server-rendered head only, so the reader's JavaScript carries nothing.
import type { RenderData } from '../../contract/ssr';
import { articleFeedPath, escapeXml, feedTitle, SITE_FEED_PATH } from './atom';

const alternate = (title: string, href: string) =>
  `\n<link rel="alternate" type="application/atom+xml" title="${escapeXml(title)}" href="${escapeXml(href)}">`;

/** An article's page names its own feed and the site's; the front page the site's; other pages none. */
export function feedLinks(data: RenderData): string {
  if (data.article) return alternate(feedTitle(data.article), articleFeedPath(data.article.slug)) + alternate(feedTitle(), SITE_FEED_PATH);
  return data.articles ? alternate(feedTitle(), SITE_FEED_PATH) : '';
}
