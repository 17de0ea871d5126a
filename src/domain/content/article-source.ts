// Articles and imported comments from their sources → the document model:
// WordPress HTML (stored before wpautop, with shortcodes) and Markdown files.
// Used where content is imported; the reader and the mock never load it.
import { autop } from '@wordpress/autop';
import { replace as replaceShortcode, type Shortcode } from '@wordpress/shortcode';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize } from 'hast-util-sanitize';
import { toText } from 'hast-util-to-text';
import rehypeRaw from 'rehype-raw';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { CommentContent, RichText } from '../../contract/rich-text';
import { articleSanitizeSchema, commentSanitizeSchema } from './sanitize-schema';
import { toRich } from './to-rich';

/** Old or presentational tags WordPress content uses, as the tags we keep. */
const RENAME: Record<string, string> = { acronym: 'abbr', strike: 's', tt: 'code' };
const ALIGN_CLASS = /^align(left|center|right)$/;
const HEADING = /^h([1-6])$/;
const TEXT_ALIGN = /text-align:\s*(left|center|right)/i;

const classes = (element: Element): string[] => {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
};

/**
 * What sanitising cannot know: h1 is the page title (the content's headings
 * start at h2), WordPress's align classes and styles become an
 * alignment, and a caption's text becomes the figure's figcaption.
 */
function normalise(tree: Root): void {
  // The content's top heading level becomes h2, right under the title, whatever it was (h1, or h3 in
  // content that skips levels): the outline stays whole for screen readers.
  let top = 7;
  visit(tree, 'element', (node) => {
    const rank = HEADING.exec(node.tagName);
    if (rank) top = Math.min(top, Number(rank[1]));
  });
  visit(tree, 'element', (node) => {
    const rank = HEADING.exec(node.tagName);
    if (rank) node.tagName = `h${Math.min(Math.max(Number(rank[1]) + 2 - top, 2), 6)}`;
    else node.tagName = RENAME[node.tagName] ?? node.tagName;
    // A header cell with nothing in it heads nothing.
    if (node.tagName === 'th' && toText(node).trim() === '') node.tagName = 'td';

    const alignClass = classes(node).map((name) => ALIGN_CLASS.exec(name)?.[1]).find(Boolean);
    const styleAlign = typeof node.properties.style === 'string' ? TEXT_ALIGN.exec(node.properties.style)?.[1] : undefined;
    const align = alignClass ?? styleAlign ?? node.properties.align;
    if (align) node.properties.align = String(align).toLowerCase();

    if (node.tagName === 'figure' && classes(node).includes('wp-caption')) {
      // [caption]<img> or <a><img></a>, then the caption text[/caption]
      const media = node.children.findIndex((child) => child.type === 'element' && (child.tagName === 'img' || child.tagName === 'a'));
      const caption = node.children.slice(media + 1);
      if (media >= 0 && toText({ type: 'root', children: caption }).trim()) {
        node.children = [...node.children.slice(0, media + 1), { type: 'element', tagName: 'figcaption', properties: {}, children: caption }];
      }
    }
  });
}

export type ShortcodeHandlers = Record<string, (shortcode: Shortcode) => string>;

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
/** A link to a media file, for the shortcodes whose players we do not embed. */
const mediaLink = (label: string) => (shortcode: Shortcode) => {
  const named = shortcode.attrs.named;
  const src = named.src ?? named.mp3 ?? named.mp4 ?? named.ogg ?? named.wav ?? named.webm ?? shortcode.content?.trim() ?? '';
  return src ? `<p><a href="${escapeAttribute(src)}">${label}: ${escapeAttribute(src.split('/').pop() || src)}</a></p>` : '';
};

/** WordPress's own shortcodes, each reduced to what a reader can use here. */
const DEFAULT_SHORTCODES: ShortcodeHandlers = {
  caption: (shortcode) => {
    const align = shortcode.attrs.named.align ?? '';
    const text = shortcode.attrs.named.caption ? ` ${escapeAttribute(shortcode.attrs.named.caption)}` : '';
    return `<figure class="wp-caption ${escapeAttribute(align)}">${shortcode.content ?? ''}${text}</figure>`;
  },
  // Without the site's media library there is nothing to show.
  gallery: () => '',
  playlist: () => '',
  audio: mediaLink('Audio'),
  video: mediaLink('Video'),
  embed: (shortcode) => {
    const url = shortcode.content?.trim() ?? '';
    return url ? `<p><a href="${escapeAttribute(url)}">${escapeAttribute(url)}</a></p>` : '';
  },
};

function clean(tree: Root, schema: typeof articleSanitizeSchema): Root {
  normalise(tree);
  return sanitize(tree, schema) as Root;
}

/** WordPress skips wpautop for block-editor content, and so do we. */
const wpautop = (html: string) => (html.includes('<!-- wp:') ? html : autop(html));

/**
 * An article's WordPress HTML as WXR stores it: before wpautop (paragraphs are
 * blank lines), with shortcodes; block-editor content is HTML already.
 * `shortcodes` replaces or adds handlers (the importer renders [gallery] from its attachments).
 */
export function wordPressArticleToRich(html: string, shortcodes: ShortcodeHandlers = {}): RichText {
  let source = html;
  for (const [tag, handler] of Object.entries({ ...DEFAULT_SHORTCODES, ...shortcodes })) source = replaceShortcode(tag, source, handler);
  return toRich(clean(fromHtml(wpautop(source), { fragment: true }), articleSanitizeSchema), 'article');
}

/** A WordPress comment: the tags WordPress allows in comments, paragraphs by wpautop. */
export function wordPressCommentToRich(html: string): CommentContent {
  return toRich(clean(fromHtml(wpautop(html), { fragment: true }), commentSanitizeSchema), 'comment');
}

/** Text of an HTML snippet (a title with markup, an excerpt): tags dropped, entities decoded. */
export function htmlToPlainText(html: string): string {
  return toText(fromHtml(html, { fragment: true })).replace(/\s+/g, ' ').trim();
}

const markdownProcessor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // An article is its owner's text: HTML in it is parsed, then sanitised like any other.
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .freeze();

/** An article written in Markdown (CommonMark + GFM, with HTML allowed and sanitised). */
export function articleMarkdownToRich(markdown: string): RichText {
  return toRich(clean(markdownProcessor.runSync(markdownProcessor.parse(markdown)) as Root, articleSanitizeSchema), 'article');
}
