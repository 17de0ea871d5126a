// The link from a comment's quote to its passage: a text fragment (#:~:text=…),
// which Chromium follows without any script, scrolling to and marking the words.
// Text fragments match whole words within one block, so a long passage (which may
// span paragraphs) is named by its first and last words, and the context by the one
// word either side of it. (In the first bundle, as comments render it: words are split
// here rather than with text-quote.ts's helpers, which would bring that module along.)
import type { TextQuote } from '../../../../contract/text-quote';

const EDGE_WORDS = 4;

/** Percent-encoded, with the characters the directive's syntax uses (-, comma, &) escaped too. */
const encode = (text: string) => encodeURIComponent(text).replace(/-/g, '%2D');
const wordsOf = (text: string) => text.split(/\s+/u).filter(Boolean);

export function textFragmentHref(quote: TextQuote): string {
  const words = wordsOf(quote.exact);
  const text =
    words.length > EDGE_WORDS * 2
      ? `${encode(words.slice(0, EDGE_WORDS).join(' '))},${encode(words.slice(-EDGE_WORDS).join(' '))}`
      : encode(words.join(' '));
  const before = wordsOf(quote.prefix).pop();
  const after = wordsOf(quote.suffix)[0];
  return `#:~:text=${before ? `${encode(before)}-,` : ''}${text}${after ? `,-${encode(after)}` : ''}`;
}
