// The explicit rehype-sanitize / hast-util-sanitize schemas: which elements and
// attributes survive from any source. Anything else is unwrapped to its text,
// and the elements in `strip` go with everything inside them.
import type { Schema } from 'hast-util-sanitize';
import { ARTICLE_TAGS, COMMENT_TAGS } from '../../contract/rich-text';

const STRIP = ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'textarea', 'select', 'button', 'svg', 'math', 'head', 'title'];
const URL_PROTOCOLS = { href: ['http', 'https', 'mailto'], cite: ['http', 'https'], src: ['http', 'https'] };
const ALIGNABLE = ['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'img', 'figure', 'th', 'td'] as const;

const base = {
  // No id or name survives, so nothing needs a clobber prefix.
  clobber: [],
  clobberPrefix: '',
  strip: STRIP,
  protocols: URL_PROTOCOLS,
  allowComments: false,
  allowDoctypes: false,
} satisfies Schema;

/** WordPress's comment tags (a, abbr, acronym, b, blockquote, cite, code, del, em, i, q, s, strike, strong) plus Markdown's. */
export const commentSanitizeSchema: Schema = {
  ...base,
  tagNames: [...COMMENT_TAGS],
  attributes: { a: ['href', 'title'], abbr: ['title'], blockquote: ['cite'], q: ['cite'], del: ['cite'], ol: ['start', 'reversed'] },
  ancestors: { li: ['ol', 'ul'] },
};

export const articleSanitizeSchema: Schema = {
  ...base,
  tagNames: [...ARTICLE_TAGS],
  attributes: {
    ...commentSanitizeSchema.attributes,
    ins: ['cite'],
    dfn: ['title'],
    img: ['src', 'alt', 'title', 'width', 'height', 'align'],
    th: ['colSpan', 'rowSpan', 'align'],
    td: ['colSpan', 'rowSpan', 'align'],
    ...Object.fromEntries(ALIGNABLE.filter((tag) => !['img', 'th', 'td'].includes(tag)).map((tag) => [tag, ['align']])),
  },
  ancestors: {
    li: ['ol', 'ul'],
    dt: ['dl'],
    dd: ['dl'],
    ...Object.fromEntries(['caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'].map((tag) => [tag, ['table']])),
    figcaption: ['figure'],
  },
};
