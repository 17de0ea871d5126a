// The one document model for rich content (articles and comments): a tree of
// a few allowed elements, already parsed and sanitised where it was written
// (src/domain/content), so the reader renders it without any parser.
//
// A node is a string (text) or an element { t: tag, a?: attributes, c?: children }.
// The schemas below are the whitelist: a tag or attribute that is not listed,
// or a URL that is not http(s)/mailto/relative, fails validation, so even a
// server that speaks our API carelessly cannot get markup past the client.
import { z } from 'zod/mini';

/** What a comment may contain: WordPress's comment tags plus Markdown's lists and code blocks. */
export const COMMENT_TAGS = [
  'p', 'br', 'em', 'strong', 'b', 'i', 's', 'del', 'code', 'pre', 'blockquote', 'cite', 'q', 'abbr', 'ul', 'ol', 'li', 'a',
] as const;

/** What an article may contain; anything else is reduced to its text where it is written. */
export const ARTICLE_TAGS = [
  ...COMMENT_TAGS,
  'h2', 'h3', 'h4', 'h5', 'h6', 'ins', 'sup', 'sub', 'kbd', 'samp', 'var', 'small', 'mark', 'dfn', 'u',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'img', 'figure', 'figcaption', 'hr', 'dl', 'dt', 'dd',
] as const;

export type ArticleTag = (typeof ARTICLE_TAGS)[number];

const SAFE_PROTOCOLS = ['http', 'https', 'mailto'];

/**
 * Links may be http(s), mailto or relative; images http(s) or relative. The same
 * rule as hast-util-sanitize's: a colon before any of / ? # names a protocol,
 * which must be allowed (so "java\tscript:" is refused, not taken as relative).
 */
function isSafeUrl(value: string, protocols: readonly string[] = SAFE_PROTOCOLS): boolean {
  const colon = value.indexOf(':');
  const end = value.search(/[/?#]/);
  if (colon === -1 || (end !== -1 && end < colon)) return true;
  return protocols.includes(value.slice(0, colon).toLowerCase());
}

const url = (protocols?: readonly string[]) =>
  z.string().check(z.maxLength(4096), z.refine((v) => isSafeUrl(v, protocols), 'Only http, https, mailto and relative links are allowed.'));
const size = z.int().check(z.positive(), z.maximum(10_000));

export const richAttributesSchema = z.strictObject({
  href: z.optional(url()),
  cite: z.optional(url()),
  src: z.optional(url(['http', 'https'])),
  title: z.optional(z.string()),
  alt: z.optional(z.string()),
  width: z.optional(size),
  height: z.optional(size),
  start: z.optional(z.int()),
  reversed: z.optional(z.literal(true)),
  colSpan: z.optional(size),
  rowSpan: z.optional(size),
  align: z.optional(z.enum(['left', 'center', 'right'])),
});
export type RichAttributes = z.infer<typeof richAttributesSchema>;

export interface RichElement<Tag extends string = ArticleTag> {
  t: Tag;
  a?: RichAttributes;
  c?: RichNode<Tag>[];
}
export type RichNode<Tag extends string = ArticleTag> = string | RichElement<Tag>;
export type RichText = RichNode[];
export type CommentTag = (typeof COMMENT_TAGS)[number];
/** A comment's document: the same model, fewer tags. */
export type CommentContent = RichNode<CommentTag>[];

function richTextSchema<Tag extends string>(tags: readonly [Tag, ...Tag[]]) {
  // The recursive tree is typed by the interfaces above; zod checks every node against the whitelist.
  const node: z.ZodMiniType<RichNode<Tag>> = z.union([
    z.string(),
    z.strictObject({
      t: z.enum(tags),
      a: z.optional(richAttributesSchema),
      get c() {
        return z.optional(z.array(node));
      },
    }),
  ]) as z.ZodMiniType<RichNode<Tag>>;
  return z.array(node);
}

export const articleContentSchema = richTextSchema<ArticleTag>(ARTICLE_TAGS);
export const commentContentSchema = richTextSchema(COMMENT_TAGS);
