// Plain text of a document: for excerpts, page descriptions and search.
import type { CommentContent, RichNode, RichText } from '../../contract/rich-text';

const BREAKS_AFTER = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'tr', 'dt', 'dd', 'figcaption', 'caption']);

function collect(nodes: RichNode[], parts: string[]): void {
  for (const node of nodes) {
    if (typeof node === 'string') parts.push(node);
    else if (node.t === 'br') parts.push('\n');
    // Images are left out, as WordPress leaves them out of excerpts.
    else if (node.t === 'img') continue;
    else {
      if (node.c) collect(node.c, parts);
      if (BREAKS_AFTER.has(node.t)) parts.push('\n\n');
      else if (node.t === 'td' || node.t === 'th') parts.push(' ');
    }
  }
}

/** The text a reader sees, blocks separated by blank lines. */
export function richToText(nodes: RichText): string {
  const parts: string[] = [];
  collect(nodes, parts);
  return parts
    .join('')
    .split(/\n{2,}/)
    .map((block) => block.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

const EXCERPT_CHARS = 220;

/** At most EXCERPT_CHARS of plain text, cut at a word, on one line. */
export function excerptOfText(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, '')}…`;
}

/** Plain paragraphs (the demo article) as a document, text exactly as given. */
export const paragraphsToRich = (paragraphs: string[]): RichText => paragraphs.map((text) => ({ t: 'p', c: [text] }));

/** Text as typed, without reading it as Markdown: blank lines part paragraphs, line breaks stay. */
export function textToRich(text: string): CommentContent {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => ({ t: 'p', c: paragraph.split(/\r?\n/).flatMap((line, index) => (index ? [{ t: 'br' as const }, line] : [line])) }));
}
