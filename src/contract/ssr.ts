// The contract between the client's SSR bundle (src/client/entry-server.tsx)
// and the server that loads it at run time (src/server/ssr.ts): neither imports
// the other, so the shapes they exchange live here.
import type { Article, ArticleSummary, Comment } from './schemas';

/** The script element (type="application/json") that carries the server's react-query cache. */
export const STATE_ELEMENT_ID = 'colloquy-state';

export interface RenderData {
  articles?: ArticleSummary[];
  article?: Article;
  /** The article's approved comments (what any reader sees), so the thread is in the HTML too. */
  comments?: Comment[];
}

export interface RenderResult {
  html: string;
  title: string;
  description: string;
  /** The dehydrated react-query cache; the server serializes it safely into the page. */
  state: unknown;
  status: number;
}
