// Server-side rendering of the reader's pages from the client's own build:
// dist/client/index.html as the template and dist/ssr/entry-server.js as the
// renderer. Loaded by file URL at runtime: server code never imports src/client.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApiError } from '../contract/api-error';
import { COMMENTS_PAGE_PARAM, parsePageNumber } from '../contract/paging';
import { parseSort, SORT_PARAM } from '../contract/sort';
import { STATE_ELEMENT_ID, type RenderData, type RenderResult } from '../contract/ssr';
import type { CommentService } from '../domain/comment-service';
import type { RenderedPage } from './app';
import { feedLinks } from './feeds/head-links';

type RenderFn = (url: string, data: RenderData) => RenderResult | Promise<RenderResult>;

export class MissingBuildError extends Error {
  constructor(missing: string) {
    super(`The client build is missing (${missing}): run \`npm run build\` first.`);
    this.name = 'MissingBuildError';
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);

/**
 * JSON that is safe inside a <script> element: nothing can close it or start a comment.
 * The renderer may hand over the state already serialized (a JSON string); it is
 * escaped again all the same, which leaves valid JSON valid.
 */
export function serializeState(state: unknown): string {
  const json = typeof state === 'string' ? state : JSON.stringify(state ?? null);
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Prepares the template once: the returned function fills its <!--app-head-->,
 * <!--app-html--> and <!--app-state--> slots for one render; `extraHead` (ready HTML:
 * the feed links) goes after the title and description.
 */
export function compileTemplate(template: string): (result: RenderResult, extraHead?: string) => string {
  // The template may hold the script element around the slot, or only the slot.
  const stateInScript = new RegExp(`<script[^>]*id="${STATE_ELEMENT_ID}"[^>]*>\\s*<!--app-state-->`).test(template);
  return (result, extraHead = '') => {
    const head = `<title>${escapeHtml(result.title)}</title>\n<meta name="description" content="${escapeHtml(result.description)}">${extraHead}`;
    const robots = result.noindex ? '\n<meta name="robots" content="noindex">' : '';
    const state = serializeState(result.state);
    const stateHtml = stateInScript ? state : `<script type="application/json" id="${STATE_ELEMENT_ID}">${state}</script>`;
    // Functions as replacements, so "$&" in content is not interpreted.
    return template
      .replace('<!--app-head-->', () => head + robots)
      .replace('<!--app-state-->', () => stateHtml)
      .replace('<!--app-html-->', () => result.html);
  };
}

/**
 * The CSP sources ('sha256-…') of the template's inline <style> elements: the
 * build puts the stylesheet in the page (vite.config.ts inlineCss), and the
 * policy allows exactly that text, never 'unsafe-inline'.
 */
export function inlineStyleHashes(template: string): string[] {
  return [...template.matchAll(INLINE_STYLE)].map(([, css]) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`);
}
const INLINE_STYLE = /<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/g;

/** The template's inline <style> elements as they are, for pages made outside React to look like the site (the CSP allows exactly them). */
const inlineStyles = (template: string) => [...template.matchAll(INLINE_STYLE)].map(([element]) => element).join('\n');

export interface SsrOptions {
  service: CommentService;
  /** The directory holding client/ and ssr/ (default: ./dist). */
  distDir?: string;
}

export interface Ssr {
  clientDir: string;
  /** For the Content-Security-Policy (see inlineStyleHashes). */
  styleHashes: string[];
  /** The site's stylesheet as <style> elements the CSP allows, for the server's own small pages. */
  styles: string;
  renderPage(url: string): Promise<RenderedPage>;
}

/** Reads the template once and imports the renderer; throws MissingBuildError without a build. */
export async function loadSsr(options: SsrOptions): Promise<Ssr> {
  const distDir = resolve(options.distDir ?? 'dist');
  const clientDir = join(distDir, 'client');
  const templatePath = join(clientDir, 'index.html');
  const entryPath = join(distDir, 'ssr', 'entry-server.js');
  for (const path of [templatePath, entryPath]) if (!existsSync(path)) throw new MissingBuildError(path);

  const template = readFileSync(templatePath, 'utf8');
  const fillTemplate = compileTemplate(template);
  const entry = (await import(pathToFileURL(entryPath).href)) as { render?: RenderFn };
  if (typeof entry.render !== 'function') throw new Error(`${entryPath} does not export a render(url, data) function.`);
  const render = entry.render;
  const { service } = options;

  /** The page of comments a URL asks for, or null when there is no such page. */
  async function commentPage(slug: string, search: URLSearchParams) {
    const raw = search.get(COMMENTS_PAGE_PARAM);
    const page = raw === null ? 1 : parsePageNumber(raw);
    if (page === undefined) return null;
    // The app's page key carries the sort (from ?sort= or the reader's cookie).
    const sort = parseSort(search.get(SORT_PARAM));
    return service.listCommentPage(slug, { page, sort }).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'not_found') return null;
      throw error;
    });
  }

  async function dataFor({ pathname, searchParams }: URL): Promise<RenderData> {
    if (pathname === '/') return { articles: await service.listArticles() };
    const match = /^\/articles\/([^/]+)\/?$/.exec(pathname);
    if (!match) return {};
    try {
      const slug = decodeURIComponent(match[1]);
      const [article, comments] = await Promise.all([service.getArticle(slug), commentPage(slug, searchParams)]);
      return { article, comments };
    } catch (error) {
      // An unknown slug is the renderer's 404 page, not a server error.
      if (error instanceof ApiError && error.code === 'not_found') return {};
      if (error instanceof URIError) return {};
      throw error;
    }
  }

  return {
    clientDir,
    styleHashes: inlineStyleHashes(template),
    styles: inlineStyles(template),
    async renderPage(url) {
      const data = await dataFor(new URL(url, 'http://localhost'));
      const result = await render(url, data);
      return { status: result.status, html: fillTemplate(result, feedLinks(data)) };
    },
  };
}
