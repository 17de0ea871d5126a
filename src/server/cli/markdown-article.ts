// A Markdown file with front matter → an article record.
import matter from 'gray-matter';
import { basename } from 'node:path';
import { z } from 'zod';
import { newArticle } from '../../domain/article';
import { articleMarkdownToRich } from '../../domain/content/article-source';
import type { NewArticleRecord } from '../../domain/store';

const frontMatterSchema = z.object({
  title: z.string().trim().min(1, 'title is required'),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug must be lowercase words joined by hyphens'),
  date: z.union([z.date(), z.string()]).transform((value, ctx) => {
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: `date "${String(value)}" is not a date` });
      return z.NEVER;
    }
    return date.toISOString();
  }),
  author: z.string().trim().min(1, 'author is required'),
});

/** Parses the file; slug defaults to the file name. Throws with every problem listed. */
export function parseMarkdownArticle(source: string, fileName = ''): NewArticleRecord {
  const { data, content } = matter(source);
  const fallbackSlug = basename(fileName).replace(/\.(md|markdown)$/i, '').toLowerCase();
  const parsed = frontMatterSchema.safeParse({ slug: fallbackSlug || undefined, ...data });
  if (!parsed.success) {
    throw new Error(`Invalid front matter in ${fileName || 'the file'}:\n${parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`).join('\n')}`);
  }
  // CommonMark + GFM; HTML in the file is allowed, then sanitised like every other source.
  const rich = articleMarkdownToRich(content);
  if (rich.length === 0) throw new Error(`${fileName || 'The file'} has no text after its front matter.`);
  const { title, slug, date, author } = parsed.data;
  return newArticle({ title, slug, publishedAt: date, author, content: rich });
}
