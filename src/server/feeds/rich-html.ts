// A stored comment's document as HTML, for a feed's content. The tree was
// sanitised when it was written (src/domain/content) and holds only
// whitelisted tags and attributes; hast-util-to-html escapes its text.
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { RichNode } from '../../contract/rich-text';

function toHast(node: RichNode<string>): ElementContent {
  if (typeof node === 'string') return { type: 'text', value: node };
  const element: Element = { type: 'element', tagName: node.t, properties: { ...node.a }, children: (node.c ?? []).map(toHast) };
  return element;
}

export const richToHtml = (nodes: readonly RichNode<string>[]): string => toHtml({ type: 'root', children: nodes.map(toHast) });
