// Beside each block of the article that comments quote (in the margin on wide
// screens, under the block on narrow ones): "2 comments quote this", leading to them.
// Overlays placed from the blocks' positions and placed again when the article
// reflows; the article's own DOM (React's) is never touched.
import { useEffect, useId, useMemo, useState, type CSSProperties } from 'react';
import type { ArticleQuotes } from '../../../../contract/schemas';
import { tidyQuote } from '../../../../contract/text-quote';
import { useArticleQuotes } from '../api/get-article-quotes';
import { blockOf, rangeFromQuote } from '../lib/dom-quote';

type Quoting = ArticleQuotes['quotes'][number];

interface Group {
  block: Element;
  quoting: Quoting[];
}

/** The quotes still in the article, by the block each starts in, in the article's order. */
function groupByBlock(body: Element, quotes: Quoting[]): Group[] {
  const groups = new Map<Element, Quoting[]>();
  for (const quoting of quotes) {
    const range = rangeFromQuote(body, quoting.quote);
    if (!range) continue;
    const block = blockOf(body, range);
    groups.set(block, [...(groups.get(block) ?? []), quoting]);
  }
  return [...groups]
    .map(([block, quoting]) => ({ block, quoting }))
    .sort((a, b) => (a.block.compareDocumentPosition(b.block) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

/** Each block's top and bottom from the article's top, kept current as the article reflows. */
function useBlockPositions(body: Element, blocks: Element[]) {
  const [positions, setPositions] = useState<{ top: number; bottom: number }[]>([]);
  useEffect(() => {
    const measure = () => {
      const frame = (body.parentElement ?? body).getBoundingClientRect();
      setPositions(
        blocks.map((block) => {
          const rect = block.getBoundingClientRect();
          return { top: rect.top - frame.top, bottom: rect.bottom - frame.top };
        }),
      );
    };
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : undefined;
    observer?.observe(body);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [body, blocks]);
  return positions;
}

const countLabel = (n: number) => (n === 1 ? '1 comment quotes this' : `${n} comments quote this`);

function QuoteCount({ group, top, bottom }: { group: Group; top: number; bottom: number }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const { quoting, block } = group;
  // For screen readers, which meet the counts after the article: which passage each is about.
  const passage = tidyQuote(block.textContent ?? '');
  const about = (
    <span id={`${id}-about`} hidden>
      {`Beside: “${passage.length > 80 ? `${passage.slice(0, 80)}…` : passage}”`}
    </span>
  );
  const style = { '--block-top': `${top}px`, '--block-bottom': `${bottom}px` } as CSSProperties;
  if (quoting.length === 1) {
    return (
      <p className="quote-count" style={style}>
        <a href={`#comment-${quoting[0].commentId}`} aria-describedby={`${id}-about`}>
          {countLabel(1)}
        </a>
        {about}
      </p>
    );
  }
  return (
    <div className="quote-count" style={style}>
      <button
        type="button"
        className="quote-count-toggle"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-describedby={`${id}-about`}
        onClick={() => setOpen((was) => !was)}
      >
        {countLabel(quoting.length)}
      </button>
      {about}
      <ul id={`${id}-list`} className="quote-count-list" hidden={!open}>
        {quoting.map(({ commentId, author }) => (
          <li key={commentId}>
            <a href={`#comment-${commentId}`}>Quoted by {author}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function QuoteCounts({ slug, body }: { slug: string; body: Element }) {
  const quotes = useArticleQuotes(slug).data?.quotes;
  const groups = useMemo(() => (quotes ? groupByBlock(body, quotes) : []), [body, quotes]);
  const blocks = useMemo(() => groups.map((group) => group.block), [groups]);
  const positions = useBlockPositions(body, blocks);
  return groups.map((group, index) => (
    <QuoteCount key={group.quoting[0].commentId} group={group} top={positions[index]?.top ?? 0} bottom={positions[index]?.bottom ?? 0} />
  ));
}
