// A quoted passage in the article: whether it is still there, and showing it
// ("In the article"): scrolled into view and marked with the CSS Custom Highlight
// API, which paints over the text without touching the article's DOM (React's).
// Loaded on demand, with the rest of the quote tooling.
import type { TextQuote } from '../../../../contract/text-quote';
import { findArticleBody } from './article-body';
import { rangeFromQuote } from './dom-quote';

/** The name quotes.css styles with ::highlight(quoted-passage). */
export const PASSAGE_HIGHLIGHT = 'quoted-passage';

export function findPassage(quote: TextQuote): Range | null {
  const body = findArticleBody();
  return body && rangeFromQuote(body, quote);
}

/** Scrolls to the passage and highlights it; false when the article no longer has it. */
export function showPassage(quote: TextQuote): boolean {
  const range = findPassage(quote);
  if (!range) return false;
  const start = range.startContainer.parentElement;
  const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  start?.scrollIntoView?.({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
  if (typeof CSS !== 'undefined' && CSS.highlights && typeof Highlight === 'function') {
    CSS.highlights.set(PASSAGE_HIGHLIGHT, new Highlight(range));
  } else {
    // Without the API, the browser's own selection marks it.
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  }
  return true;
}
