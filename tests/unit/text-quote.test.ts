// Anchoring quotes in the article's DOM (src/client/features/quotes/lib/dom-quote.ts):
// a selection becomes a text-quote selector, and the selector finds its passage again,
// by its words and their context, whatever the whitespace and markup between them.
import { afterEach, describe, expect, test } from 'vitest';
import { blockOf, quoteFromRange, rangeFromQuote } from '../../src/client/features/quotes/lib/dom-quote';
import { textFragmentHref } from '../../src/client/features/quotes/lib/text-fragment';
import { QUOTE_LIMITS, type TextQuote } from '../../src/contract/text-quote';

function article(html: string): HTMLElement {
  const root = document.createElement('div');
  root.className = 'article-body';
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

afterEach(() => document.body.replaceChildren());

/** A range over the `occurrence`-th (0-based) match of `text` inside one text node of root. */
function select(root: Element, text: string, occurrence = 0): Range {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    for (let at = data.indexOf(text); at >= 0; at = data.indexOf(text, at + 1)) {
      if (seen++ < occurrence) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      return range;
    }
  }
  throw new Error(`"${text}" #${occurrence} is not in the article`);
}

/** Which occurrence of `text` (in the whole body's text) a range starts at. */
function occurrenceOf(root: Element, range: Range, text: string): number {
  const before = document.createRange();
  before.setStart(root, 0);
  before.setEnd(range.startContainer, range.startOffset);
  return before.toString().split(text).length - 1;
}

const REPEATED = `
  <p>The river rose in spring. Everyone watched the river.</p>
  <p>In autumn the river fell, and the town forgot the river.</p>`;

describe('quoteFromRange', () => {
  test('takes the selected words, with the text before and after them as context', () => {
    const root = article(REPEATED);
    const quote = quoteFromRange(root, select(root, 'the river fell'))!;
    expect(quote.exact).toBe('the river fell');
    expect(quote.prefix).toBe('The river rose in spring. Everyone watched the river. In autumn');
    expect(quote.suffix).toBe(', and the town forgot the river.');
  });

  test('keeps the context within the limits and a space between blocks', () => {
    const root = article(`<p>${'word '.repeat(40)}end.</p><p>Start of the next paragraph</p>`);
    const quote = quoteFromRange(root, select(root, 'Start'))!;
    expect(quote.prefix.length).toBeLessThanOrEqual(QUOTE_LIMITS.contextChars);
    // "end." and "Start" stand in different paragraphs: never run together.
    expect(quote.prefix.endsWith('end.')).toBe(true);
    expect(quote.suffix).toBe('of the next paragraph');
  });

  test('a selection across paragraphs and inline markup, from element boundaries', () => {
    const root = article('<p>One <em>two</em> three.</p><ul><li>Four five</li></ul>');
    const range = document.createRange();
    // As a triple click selects: from the start of the first paragraph to the start of the list.
    range.setStart(root.querySelector('p')!, 0);
    range.setEnd(root.querySelector('li')!.firstChild!, 4);
    const quote = quoteFromRange(root, range)!;
    expect(quote.exact).toBe('One two three.\nFour');
    expect(rangeFromQuote(root, quote)!.toString()).toBe('One two three.Four');
  });

  test('only the part inside the article counts; nothing of it is no quote', () => {
    const root = article('<p>Inside text.</p>');
    const outside = document.createElement('p');
    outside.textContent = 'Outside.';
    document.body.prepend(outside);
    const range = document.createRange();
    range.setStart(outside.firstChild!, 0);
    range.setEnd(root.querySelector('p')!.firstChild!, 6);
    expect(quoteFromRange(root, range)!.exact).toBe('Inside');

    const nothing = document.createRange();
    nothing.setStart(outside.firstChild!, 0);
    nothing.setEnd(outside.firstChild!, 7);
    expect(quoteFromRange(root, nothing)).toBeNull();
    const blank = article('<p>a   b</p>');
    expect(quoteFromRange(blank, select(blank, '   '))).toBeNull();
  });
});

describe('rangeFromQuote', () => {
  test('repeated words: the context tells which occurrence was quoted', () => {
    const root = article(REPEATED);
    for (let occurrence = 0; occurrence < 4; occurrence++) {
      const quote = quoteFromRange(root, select(root, 'the river', occurrence % 2 === 0 ? 0 : 1))!;
      const found = rangeFromQuote(root, quote)!;
      expect(found.toString()).toBe('the river');
    }
    // Each of the four "river"s, quoted as the one word, comes back as itself.
    const rivers = [0, 1].flatMap((paragraph) => [0, 1].map((n) => ({ paragraph, n })));
    for (const { paragraph, n } of rivers) {
      const p = root.querySelectorAll('p')[paragraph];
      const data = p.firstChild!.textContent!;
      const at = n === 0 ? data.indexOf('river') : data.lastIndexOf('river');
      const range = document.createRange();
      range.setStart(p.firstChild!, at);
      range.setEnd(p.firstChild!, at + 5);
      const found = rangeFromQuote(root, quoteFromRange(root, range)!)!;
      expect(found.startContainer).toBe(p.firstChild);
      expect(found.startOffset).toBe(at);
      expect(occurrenceOf(root, found, 'river')).toBe(paragraph * 2 + n);
    }
  });

  test('whitespace and line breaks differ between the quote and the page', () => {
    const root = article('<p>Freedom   of\n  assembly</p><p>is <strong>a right</strong>.</p>');
    const quote: TextQuote = { exact: 'Freedom of assembly\n\nis a\nright', prefix: '', suffix: '.' };
    const found = rangeFromQuote(root, quote)!;
    expect(found.toString()).toBe('Freedom   of\n  assemblyis a right');
    expect(found.startContainer).toBe(root.querySelector('p')!.firstChild);
    expect(found.endContainer).toBe(root.querySelector('strong')!.firstChild);
    expect(found.endOffset).toBe('a right'.length);
  });

  test('the article edited before the passage: still found, by its words and context', () => {
    const root = article(REPEATED);
    const quote = quoteFromRange(root, select(root, 'the river', 1))!;
    root.querySelector('p')!.textContent = 'A whole new first paragraph, where the river is not even named the same way.';
    const found = rangeFromQuote(root, quote)!;
    expect(found.toString()).toBe('the river');
    expect(found.startContainer).toBe(root.querySelectorAll('p')[1].firstChild);
    expect(found.startOffset).toBe('In autumn '.length);
  });

  test('the passage itself changed: no range', () => {
    const root = article(REPEATED);
    const quote = quoteFromRange(root, select(root, 'the town forgot'))!;
    root.querySelectorAll('p')[1].textContent = 'In autumn the river fell, and the city forgot it.';
    expect(rangeFromQuote(root, quote)).toBeNull();
    expect(rangeFromQuote(root, { exact: '   ', prefix: '', suffix: '' })).toBeNull();
  });

  test('blockOf names the paragraph, list item or heading the passage starts in', () => {
    const root = article('<h2>Title here</h2><ul><li>An <em>item</em> here</li></ul><blockquote><p>Quoted here</p></blockquote>');
    const block = (text: string) => blockOf(root, rangeFromQuote(root, { exact: text, prefix: '', suffix: '' })!).tagName;
    expect(block('Title')).toBe('H2');
    expect(block('item here')).toBe('LI');
    expect(block('Quoted')).toBe('P');
  });
});

describe('textFragmentHref', () => {
  test('names a short passage whole and its context by one word either side, escaped', () => {
    expect(textFragmentHref({ exact: 'well-known, & said', prefix: 'as is', suffix: ' by all' })).toBe(
      '#:~:text=is-,well%2Dknown%2C%20%26%20said,-by',
    );
  });

  test('names a long passage by its first and last words', () => {
    const exact = 'one two three four five six seven eight nine ten';
    expect(textFragmentHref({ exact, prefix: '', suffix: '' })).toBe('#:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten');
  });
});
