// Renders the document model (src/contract/rich-text.ts) as React elements,
// on the server and in the browser alike. No parsing and no HTML strings: the
// tree was sanitised where it was written and validated against the contract's
// whitelist when it arrived, so each node maps straight onto its element.
import { createElement, type ReactNode } from 'react';
import type { RichAttributes, RichNode } from '../../contract/rich-text';

interface RenderOptions {
  /** rel for every link (comments: nofollow ugc noopener, as WordPress does). */
  linkRel?: string;
}

/** Elements that scroll inside their own box rather than widen the page; focusable so keyboards can scroll them. */
const SCROLLS = new Set(['pre']);

function propsOf(tag: string, attributes: RichAttributes | undefined, options: RenderOptions, key: number) {
  const { align, ...rest } = attributes ?? {};
  const props: Record<string, unknown> = { key, ...rest };
  if (align) props.className = `align-${align}`;
  if (tag === 'a' && options.linkRel) props.rel = options.linkRel;
  if (tag === 'img') {
    props.loading = 'lazy';
    props.decoding = 'async';
  }
  if (SCROLLS.has(tag)) props.tabIndex = 0;
  return props;
}

function renderNodes(nodes: RichNode[], options: RenderOptions): ReactNode[] {
  return nodes.map((node, index) => {
    if (typeof node === 'string') return node;
    const children = node.c ? renderNodes(node.c, options) : undefined;
    const element = createElement(node.t, propsOf(node.t, node.a, options, index), children);
    // A wide table scrolls in a box of its own rather than widening the page.
    return node.t === 'table' ? createElement('div', { key: index, className: 'table-scroll', tabIndex: 0 }, element) : element;
  });
}

interface RichTextProps extends RenderOptions {
  nodes: RichNode[];
  className: string;
  /** "auto" for text by readers: its own first strong character sets its direction, isolated from the page. */
  dir?: 'auto';
}

export function RichText({ nodes, className, linkRel, dir }: RichTextProps) {
  return (
    <div className={className} dir={dir}>
      {renderNodes(nodes, { linkRel })}
    </div>
  );
}
