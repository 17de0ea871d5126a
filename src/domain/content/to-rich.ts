// A sanitised hast tree → the document model (src/contract/rich-text.ts).
// Only the shape changes here: what survives was decided by the sanitize schema.
import type { Element, ElementContent, Root, RootContent } from 'hast';
import {
  articleContentSchema,
  commentContentSchema,
  type CommentContent,
  type RichAttributes,
  type RichElement,
  type RichNode,
  type RichText,
} from '../../contract/rich-text';

export type ContentProfile = 'article' | 'comment';

/** Elements that start a block of their own; text between them is only layout whitespace. */
const BLOCKS = new Set([
  'p', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'table', 'caption', 'thead', 'tbody', 'tfoot',
  'tr', 'th', 'td', 'figure', 'figcaption', 'hr', 'dl', 'dt', 'dd',
]);
/** Containers whose direct text can only be layout whitespace. */
const NO_TEXT = new Set(['ul', 'ol', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'dl']);
/** Deeper than this, elements give up their markup and keep their text: no stack is ever at risk. */
const MAX_DEPTH = 32;
const ALIGN = new Set(['left', 'center', 'right']);

const isBlock = (node: RichNode) => typeof node !== 'string' && BLOCKS.has(node.t);

function positiveInt(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  return Number.isInteger(number) && number > 0 && number <= 10_000 ? number : undefined;
}

function attributesOf(element: Element): RichAttributes | undefined {
  const p = element.properties;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const start = typeof p.start === 'number' && Number.isInteger(p.start) && p.start !== 1 ? p.start : undefined;
  const align = typeof p.align === 'string' && ALIGN.has(p.align.toLowerCase()) ? (p.align.toLowerCase() as RichAttributes['align']) : undefined;
  const attributes: RichAttributes = {
    href: text(p.href),
    cite: text(p.cite),
    src: text(p.src),
    title: text(p.title),
    // An empty alt is meaningful (a decorative image), so it is kept.
    alt: typeof p.alt === 'string' ? p.alt : undefined,
    width: positiveInt(p.width),
    height: positiveInt(p.height),
    start,
    reversed: p.reversed === true ? true : undefined,
    colSpan: positiveInt(p.colSpan) === 1 ? undefined : positiveInt(p.colSpan),
    rowSpan: positiveInt(p.rowSpan) === 1 ? undefined : positiveInt(p.rowSpan),
    align,
  };
  const defined = Object.entries(attributes).filter(([, value]) => value !== undefined);
  return defined.length ? (Object.fromEntries(defined) as RichAttributes) : undefined;
}

function convertChildren(parent: string, children: Array<RootContent | ElementContent>, depth: number, inPre: boolean): RichNode[] {
  const out: RichNode[] = [];
  for (const child of children) {
    if (child.type === 'text') {
      const last = out.at(-1);
      if (typeof last === 'string') out[out.length - 1] = last + child.value;
      // The source's own line break after a <br> is layout, not content.
      else if (!inPre && typeof last === 'object' && last.t === 'br') {
        const value = child.value.replace(/^\r?\n/, '');
        if (value) out.push(value);
      }
      else out.push(child.value);
    } else if (child.type === 'element') {
      const converted = convertChildren(child.tagName, child.children, depth + 1, inPre || child.tagName === 'pre');
      // An empty paragraph (left where <!--more--> stood, say) is no content.
      if (child.tagName === 'p' && !converted.some((node) => typeof node !== 'string' || node.trim() !== '')) continue;
      if (depth >= MAX_DEPTH) {
        out.push(...converted);
        continue;
      }
      const element: RichElement = { t: child.tagName as RichElement['t'] };
      const attributes = attributesOf(child);
      if (attributes) element.a = attributes;
      if (converted.length) element.c = converted;
      out.push(element);
    }
  }
  if (inPre) return out;
  // Whitespace that only laid out the source between blocks is not content.
  return out.filter((node, index) => {
    if (typeof node !== 'string' || node.trim() !== '') return true;
    if (NO_TEXT.has(parent)) return false;
    const before = out[index - 1];
    const after = out[index + 1];
    return !(before === undefined || after === undefined || isBlock(before) || isBlock(after));
  });
}

/** Runs of text and inline elements at the top level become paragraphs, as wpautop would. */
function wrapLooseInline(nodes: RichNode[]): RichNode[] {
  const out: RichNode[] = [];
  let run: RichNode[] = [];
  const flush = () => {
    if (run.some((node) => typeof node !== 'string' || node.trim() !== '')) out.push({ t: 'p', c: run });
    run = [];
  };
  for (const node of nodes) {
    if (isBlock(node)) {
      flush();
      out.push(node);
    } else {
      run.push(node);
    }
  }
  flush();
  return out;
}

/** The document of a sanitised tree, checked against the contract's whitelist for its profile. */
export function toRich(root: Root, profile: 'article'): RichText;
export function toRich(root: Root, profile: 'comment'): CommentContent;
export function toRich(root: Root, profile: ContentProfile): RichText | CommentContent;
export function toRich(root: Root, profile: ContentProfile): RichText | CommentContent {
  const nodes = wrapLooseInline(convertChildren('root', root.children, 0, false));
  // A failure here is a bug in a pipeline (the sanitiser lets through what the contract refuses).
  return profile === 'article' ? articleContentSchema.parse(nodes) : commentContentSchema.parse(nodes);
}
