// The contract between the client's SSR bundle (src/client/entry-server.tsx)
// and the server that loads it at run time (src/server/ssr.ts): neither imports
// the other, so the shapes they exchange live here.
import type { CommentPage } from './comment-page';
import type { Article, ArticleSummary } from './schemas';

/** The script element (type="application/json") that carries the server's react-query cache. */
export const STATE_ELEMENT_ID = 'colloquy-state';

export interface RenderData {
  articles?: ArticleSummary[];
  article?: Article;
  /**
   * The page of the thread the URL asks for (?comments-page=N, default 1), as any
   * reader sees it, so the thread is in the HTML too; null when there is no such page.
   */
  comments?: CommentPage | null;
}

export interface RenderResult {
  html: string;
  title: string;
  description: string;
  /** The dehydrated react-query cache; the server serializes it safely into the page. */
  state: unknown;
  status: number;
  /** Keep search engines away (<meta name="robots" content="noindex">): the admin page. */
  noindex?: boolean;
}
