// What the article gets for quoting: the "Reply quoting this" button next to a
// selection (while comments are open) and how many comments quote each passage.
// Rendered after the article body, never inside it: React owns that DOM.
import { useCallback, useState } from 'react';
import { ARTICLE_BODY_CLASS } from '../lib/article-body';
import { QuoteCounts } from './quote-counts';
import { SelectionButton } from './selection-button';

export function QuoteTools({ slug, commentsOpen }: { slug: string; commentsOpen: boolean }) {
  // The body beside this container, once both are in the document.
  const [body, setBody] = useState<Element | null>(null);
  const container = useCallback((element: HTMLDivElement | null) => {
    if (element) setBody(element.parentElement?.querySelector(`:scope > .${ARTICLE_BODY_CLASS}`) ?? null);
  }, []);
  return (
    <div className="quote-tools" ref={container}>
      {body && commentsOpen && <SelectionButton slug={slug} body={body} />}
      {body && <QuoteCounts slug={slug} body={body} />}
    </div>
  );
}
