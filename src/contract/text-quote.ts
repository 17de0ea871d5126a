// Quoting the article: a passage is kept as a W3C Web Annotation text-quote
// selector (the exact text, with a little text before and after it), not as a
// position, so it still finds its place after small edits elsewhere in the article.
// Matching ignores whitespace altogether: the browser's selection, the DOM's text
// nodes and the server's plain text of the same article differ in line breaks and
// spaces between blocks, never in the characters themselves.
// zod-free: the reader's quote tooling, the server's check and the schema (schemas.ts) share it.

export interface TextQuote {
  /** The passage as selected (whitespace as the browser gave it). */
  exact: string;
  /** Up to QUOTE_LIMITS.contextChars of the text just before and after it, to tell repeats apart. */
  prefix: string;
  suffix: string;
}

export const QUOTE_LIMITS = { exactChars: 1000, contextChars: 64 } as const;

const WHITESPACE = /\s+/gu;

/** The text as matching sees it: without any whitespace. */
export const squeeze = (text: string) => text.replace(WHITESPACE, '');

/** Spaces collapsed, for showing a quote. */
export const tidyQuote = (text: string) => text.replace(WHITESPACE, ' ').trim();

/** How many characters two strings share from their end (prefix) or their start (suffix). */
function sharedFromEnd(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
function sharedFromStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Where the quote is in `text` (already squeezed): [start, end) in the squeezed text, or
 * undefined when the passage is not there any more. Of several occurrences, the one
 * whose surroundings agree most with the quote's prefix and suffix.
 */
export function locateQuote(squeezedText: string, quote: TextQuote): { start: number; end: number } | undefined {
  const exact = squeeze(quote.exact);
  if (exact === '') return undefined;
  const [prefix, suffix] = [squeeze(quote.prefix), squeeze(quote.suffix)];
  let best: { start: number; end: number; score: number } | undefined;
  for (let at = squeezedText.indexOf(exact); at >= 0; at = squeezedText.indexOf(exact, at + 1)) {
    const end = at + exact.length;
    const score =
      sharedFromEnd(squeezedText.slice(Math.max(0, at - prefix.length), at), prefix) +
      sharedFromStart(squeezedText.slice(end, end + suffix.length), suffix);
    if (!best || score > best.score) best = { start: at, end, score };
  }
  return best && { start: best.start, end: best.end };
}

/** The selector for [start, end) of a text (in its own, unsqueezed positions). */
export function describeQuote(text: string, start: number, end: number): TextQuote {
  const context = QUOTE_LIMITS.contextChars;
  return {
    exact: text.slice(start, end),
    prefix: tidyQuote(text.slice(Math.max(0, start - context * 2), start)).slice(-context),
    suffix: tidyQuote(text.slice(end, end + context * 2)).slice(0, context),
  };
}
