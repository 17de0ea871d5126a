// The passage of the article a comment quotes, above its text, with "In the
// article": a text fragment link (followed by the browser alone, without script),
// which with script scrolls to the passage and highlights it. A passage the article
// no longer has is shown as a plain quote; that is known only once the quote
// tooling has looked, after hydration, so the server renders the link.
import { useEffect, useState } from 'react';
import type { TextQuote } from '../../../../contract/text-quote';
import { isPlainClick } from '../../../lib/plain-click';
import { useHydrated } from '../../../lib/use-hydrated';
import { textFragmentHref } from '../../quotes/lib/text-fragment';
import { useReplyState } from '../lib/reply-context';

const loadPassage = () => import('../../quotes/lib/passage');

export function CommentQuote({ quote }: { quote: TextQuote }) {
  const { announce } = useReplyState();
  const hydrated = useHydrated();
  const [found, setFound] = useState(true);
  useEffect(() => {
    if (hydrated) void loadPassage().then(({ findPassage }) => setFound(findPassage(quote) !== null));
  }, [hydrated, quote]);
  return (
    <figure className="comment-quote">
      <blockquote>
        {/* As selected: HTML collapses its line breaks and spaces (text-quote.ts stays out of the first bundle). */}
        <p>{quote.exact}</p>
      </blockquote>
      {found && (
        <figcaption>
          <a
            href={textFragmentHref(quote)}
            onClick={(event) => {
              if (!isPlainClick(event)) return;
              event.preventDefault();
              void loadPassage().then(({ showPassage }) =>
                announce(showPassage(quote) ? 'The passage is highlighted in the article.' : 'This passage is not in the article any more.'),
              );
            }}
          >
            In the article
          </a>
        </figcaption>
      )}
    </figure>
  );
}
