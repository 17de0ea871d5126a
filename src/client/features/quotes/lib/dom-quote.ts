// Quotes of the article in its DOM: from the reader's selection to a text-quote
// selector, and back from a selector to a Range. Both go through the article
// body's text with whitespace squeezed out (as src/contract/text-quote.ts
// matches), mapped character by character onto the text nodes it came from, so
// a passage is found whatever line breaks, spaces or inline markup lie inside it.
import { describeQuote, locateQuote, squeeze, type TextQuote } from '../../../../contract/text-quote';

/** Elements that start a line of their own: a quote's context never runs two blocks' words together. */
export const BLOCK_TAGS = new Set([
  'ADDRESS', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HR', 'LI', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

const WHITESPACE = /\s/u;

interface TextIndex {
  /** The body's text, a line break between blocks. */
  text: string;
  /** Where each text node starts in `text`, in document order. */
  nodes: { node: Text; start: number }[];
  /** The text without whitespace, and for each of its characters the text node and offset it is at. */
  squeezed: string;
  nodeAt: Text[];
  offsetAt: number[];
}

function indexText(root: Element): TextIndex {
  let text = '';
  let squeezed = '';
  const nodes: TextIndex['nodes'] = [];
  const nodeAt: Text[] = [];
  const offsetAt: number[] = [];
  const breakLine = () => {
    if (text !== '' && !text.endsWith('\n')) text += '\n';
  };
  const walk = (parent: Node) => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        const node = child as Text;
        nodes.push({ node, start: text.length });
        const value = node.data;
        for (let i = 0; i < value.length; i++) {
          if (WHITESPACE.test(value[i])) continue;
          squeezed += value[i];
          nodeAt.push(node);
          offsetAt.push(i);
        }
        text += value;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const block = BLOCK_TAGS.has((child as Element).tagName) || (child as Element).tagName === 'BR';
        if (block) breakLine();
        walk(child);
        if (block) breakLine();
      }
    }
  };
  walk(root);
  return { text, nodes, squeezed, nodeAt, offsetAt };
}

/** A range boundary as a position in the index's text (a point outside the root clamps to its start or end). */
function positionOf(index: TextIndex, container: Node, offset: number): number {
  if (container.nodeType === Node.TEXT_NODE) {
    const entry = index.nodes.find((n) => n.node === container);
    if (entry) return entry.start + offset;
  }
  const point = container.ownerDocument!.createRange();
  point.setStart(container, offset);
  // The first text node at or after the point.
  const next = index.nodes.find(({ node }) => point.comparePoint(node, 0) >= 0);
  return next ? next.start : index.text.length;
}

/** The selector for what `range` selects in `root`, or null when it selects no text of it. */
export function quoteFromRange(root: Element, range: Range): TextQuote | null {
  const index = indexText(root);
  const start = positionOf(index, range.startContainer, range.startOffset);
  const end = positionOf(index, range.endContainer, range.endOffset);
  if (end <= start || squeeze(index.text.slice(start, end)) === '') return null;
  const quote = describeQuote(index.text, start, end);
  return { ...quote, exact: quote.exact.trim() };
}

/** The passage `quote` names in `root`, or null when the article no longer has it. */
export function rangeFromQuote(root: Element, quote: TextQuote): Range | null {
  const index = indexText(root);
  const found = locateQuote(index.squeezed, quote);
  if (!found) return null;
  const range = root.ownerDocument.createRange();
  range.setStart(index.nodeAt[found.start], index.offsetAt[found.start]);
  range.setEnd(index.nodeAt[found.end - 1], index.offsetAt[found.end - 1] + 1);
  return range;
}

/** The block (paragraph, list item, heading…) of `root` a range starts in: where the article shows its quotes. */
export function blockOf(root: Element, range: Range): Element {
  let node: Node | null = range.startContainer;
  let block: Element = root;
  for (; node && node !== root; node = node.parentNode) {
    if (node.nodeType === Node.ELEMENT_NODE && BLOCK_TAGS.has((node as Element).tagName)) {
      block = node as Element;
      break;
    }
  }
  return block;
}
