// GET /comments.atom and /articles/:slug/comments.atom: the comment feeds (src/server/feeds/atom.ts).
import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import type { CommentFeed } from '../../domain/feeds/comment-feed';
import { Representation, sendRepresentation } from '../compression';
import { ATOM_TYPE, buildAtomFeed } from './atom';

export interface FeedOptions {
  /** One article's feed (undefined: no such published article), or the site's without a slug. */
  load(slug?: string): Promise<CommentFeed | undefined>;
  /** PUBLIC_URL: the base of the feeds' absolute links; else each request's own origin. */
  publicUrl?: string;
}

export function feedRoutes(app: Hono<{ Bindings: Partial<HttpBindings> }>, feeds: FeedOptions): void {
  const send = async (c: Context, slug?: string) => {
    const feed = await feeds.load(slug);
    if (!feed) return c.notFound();
    const xml = buildAtomFeed(feed, feeds.publicUrl ?? new URL(c.req.url).origin);
    // Readers poll: they may keep it but must ask again, and an unchanged feed is a 304 (by its ETag).
    c.header('Cache-Control', 'no-cache');
    return sendRepresentation(c, new Representation(xml, ATOM_TYPE));
  };
  app.get('/comments.atom', (c) => send(c));
  app.get('/articles/:slug/comments.atom', (c) => send(c, c.req.param('slug')));
}
