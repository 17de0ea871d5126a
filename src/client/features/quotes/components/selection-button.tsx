// "Reply quoting this": offered next to a selection in the article body. It comes
// right after the article in the tab order, so Tab from the selection reaches it,
// and it hands the passage to the top-level form (lib/pending-quote).
import { useEffect, useState } from 'react';
import type { TextQuote } from '../../../../contract/text-quote';
import { quoteFromRange } from '../lib/dom-quote';
import { offerQuote } from '../lib/pending-quote';

interface Offer {
  quote: TextQuote;
  /** Where the selection ends, from the article's top left corner (the button is placed there). */
  top: number;
  left: number;
}

/** The passage selected in the body and where to show the button, or null. */
function offerFor(body: Element): Offer | null {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!body.contains(range.commonAncestorContainer)) return null;
  const quote = quoteFromRange(body, range);
  if (!quote) return null;
  // Layout is missing where there is none (jsdom): the button still works, at the article's corner.
  const rects = typeof range.getClientRects === 'function' ? range.getClientRects() : [];
  const end = rects[rects.length - 1];
  const frame = (body.parentElement ?? body).getBoundingClientRect();
  return end ? { quote, top: end.bottom - frame.top, left: end.right - frame.left } : { quote, top: 0, left: 0 };
}

export function SelectionButton({ slug, body }: { slug: string; body: Element }) {
  const [offer, setOffer] = useState<Offer | null>(null);

  useEffect(() => {
    // Not while the mouse is still selecting: the button would chase the pointer.
    let dragging = false;
    const update = () => {
      if (!dragging) setOffer(offerFor(body));
    };
    const down = () => {
      dragging = true;
    };
    const up = () => {
      dragging = false;
      update();
    };
    document.addEventListener('selectionchange', update);
    document.addEventListener('pointerdown', down);
    document.addEventListener('pointerup', up);
    document.addEventListener('keyup', update);
    window.addEventListener('resize', update);
    return () => {
      document.removeEventListener('selectionchange', update);
      document.removeEventListener('pointerdown', down);
      document.removeEventListener('pointerup', up);
      document.removeEventListener('keyup', update);
      window.removeEventListener('resize', update);
    };
  }, [body]);

  if (!offer) return null;
  return (
    <button
      type="button"
      className="button quote-button"
      style={{ top: offer.top, left: `max(${offer.left}px, 11rem)` }}
      // Pressing it must not move or clear the selection it quotes.
      onPointerDown={(event) => event.stopPropagation()}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        offerQuote(slug, offer.quote);
        document.getSelection()?.removeAllRanges();
        setOffer(null);
      }}
    >
      Reply quoting this
    </button>
  );
}
