// A search within the discussion: its pages are not all on screen, so the
// browser's find-in-page cannot reach a comment on another page. Finds comments
// by their text or author (GET …/comments/search) and links to each; the comment
// section resolves a #comment-ID that is not on screen (it shows that comment's
// page and highlights it). Loaded in its own chunk (lazy-discussion-search.tsx),
// with the plain-text helper, so the reader's first JS does not grow.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { navigate } from 'wouter/use-browser-location';
import { MAX_SEARCH_CHARS, SEARCH_RESULTS_LIMIT } from '../../../../contract/search-query';
import type { Comment } from '../../../../contract/schemas';
import { richToText } from '../../../../domain/content/plain-text';
import { foldAsciiCase } from '../../../../domain/store';
import { isApiClientError } from '../../../lib/api-client';
import { formatCommentDate } from '../../../lib/format-date';
import { isPlainClick } from '../../../lib/plain-click';
import { useSearchComments } from '../api/search-comments';
import { commentElementId } from '../lib/reply-context';

/** Characters of context kept before and after the first match in an excerpt. */
const BEFORE = 60;
const AFTER = 140;
/** How long to wait for a comment to be shown (its page may have to load) before giving up focusing it. */
const FOCUS_WAIT_MS = 10_000;

const EMPTY_QUERY = 'Type a word or a name to search for.';

/** The text with every match of `query` (ASCII letter case ignored, as the server matches) in <mark>. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const folded = foldAsciiCase(text);
  const needle = foldAsciiCase(query);
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = folded.indexOf(needle); at >= 0 && needle; at = folded.indexOf(needle, from)) {
    parts.push(text.slice(from, at), <mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}

/**
 * A comment's plain text around its first match, cut at words, on one line. The server
 * matched the source as written (Markdown), so the text read may not hold the match
 * (say, a name, or `**bold**`): then the comment's beginning.
 */
function excerptAround(comment: Pick<Comment, 'content'>, query: string): string {
  const text = richToText(comment.content).replace(/\s+/g, ' ').trim();
  const at = Math.max(0, foldAsciiCase(text).indexOf(foldAsciiCase(query)));
  let start = Math.max(0, at - BEFORE);
  let end = Math.min(text.length, at + query.length + AFTER);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (start > at) start = at;
  if (end < text.length) end = Math.max(text.lastIndexOf(' ', end), at + query.length);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

function summary(count: number, more: boolean, query: string): string {
  const quoted = `“${query}”`;
  if (count === 0) return `No comment matches ${quoted}.`;
  if (more) return `More than ${SEARCH_RESULTS_LIMIT} comments match ${quoted}; the oldest ${count} are shown. Add words to narrow the search.`;
  return count === 1 ? `1 comment matches ${quoted}` : `${count} comments match ${quoted}`;
}

/** Focus a comment once it is on screen (its page may still be loading): keyboard and screen reader users land on it. */
function focusWhenShown(commentId: number): () => void {
  const tryFocus = () => {
    const element = document.getElementById(commentElementId(commentId));
    if (!element) return false;
    element.focus();
    return true;
  };
  if (tryFocus()) return () => {};
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = window.setTimeout(() => stop(), FOCUS_WAIT_MS);
  const stop = () => {
    observer.disconnect();
    window.clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}

interface DiscussionSearchProps {
  slug: string;
  /** The article's path, for the results' links (#comment-ID on it opens that comment's page). */
  articlePath: string;
}

export function DiscussionSearch({ slug, articlePath }: DiscussionSearchProps) {
  const id = useId();
  const inputId = `${id}-input`;
  const errorId = `${id}-error`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [emptyError, setEmptyError] = useState(false);
  const search = useSearchComments(slug, submitted);
  const stopFocusing = useRef<() => void>(() => {});
  useEffect(() => () => stopFocusing.current(), []);

  const requestError =
    submitted !== null && search.isError && !search.isFetching
      ? isApiClientError(search.error) && search.error.code === 'bad_request'
        ? search.error.message
        : 'We could not search the discussion.'
      : null;
  const error = emptyError ? EMPTY_QUERY : requestError;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const query = text.trim();
    if (query === '') {
      setEmptyError(true);
      setSubmitted(null);
      inputRef.current?.focus();
      return;
    }
    setEmptyError(false);
    if (query === submitted) void search.refetch();
    else setSubmitted(query);
  };

  const clear = () => {
    stopFocusing.current();
    setText('');
    setSubmitted(null);
    setEmptyError(false);
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || (text === '' && submitted === null && !emptyError)) return;
    event.preventDefault();
    clear();
  };

  const results = submitted !== null ? search.data : undefined;
  const status =
    submitted === null
      ? ''
      : search.isPending || (search.isFetching && !results)
        ? 'Searching…'
        : results
          ? summary(results.comments.length, results.more, submitted)
          : '';

  return (
    <div className="discussion-search" onKeyDown={onKeyDown}>
      <form role="search" aria-label="Search the discussion" onSubmit={onSubmit} noValidate>
        <label htmlFor={inputId}>Search comments</label>
        <div className="search-row">
          <input
            ref={inputRef}
            id={inputId}
            type="search"
            name="q"
            value={text}
            maxLength={MAX_SEARCH_CHARS}
            autoComplete="off"
            enterKeyHint="search"
            aria-invalid={emptyError || undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => {
              setText(event.target.value);
              if (emptyError) setEmptyError(false);
            }}
          />
          <button type="submit" className="button">
            Search
          </button>
          {(text !== '' || submitted !== null) && (
            <button type="button" className="button" onClick={clear}>
              Clear search
            </button>
          )}
        </div>
        {error && (
          <p className="search-error" id={errorId} role="alert">
            {error}
            {requestError && !emptyError && (
              <>
                {' '}
                <button type="button" className="link-button" onClick={() => void search.refetch()}>
                  Try again
                </button>
              </>
            )}
          </p>
        )}
      </form>
      {/* Only while there is a search: one live region at a time in the discussion besides the section's own. It
          comes with "Searching…", so what is announced is the change to the outcome. */}
      {submitted !== null && (
        <p className="search-status" role="status" aria-live="polite">
          {status}
        </p>
      )}
      {submitted !== null && results && results.comments.length > 0 && (
        <ol className="search-results" aria-label={`Comments that match “${submitted}”`}>
          {results.comments.map((comment) => {
            const href = `${articlePath}#${commentElementId(comment.id)}`;
            return (
              <li key={comment.id} className="search-result">
                <p className="search-result-meta">
                  <span className="search-result-author" dir="auto">
                    <Highlighted text={comment.author} query={submitted} />
                  </span>{' '}
                  <time dateTime={comment.createdAt}>{formatCommentDate(comment.createdAt)}</time>
                  {comment.status === 'pending' && <span className="search-result-pending"> Awaiting moderation</span>}
                </p>
                <p className="search-result-excerpt" dir="auto">
                  <Highlighted text={excerptAround(comment, submitted)} query={submitted} />
                </p>
                <a
                  href={href}
                  onClick={(event) => {
                    if (!isPlainClick(event)) return;
                    event.preventDefault();
                    // The address on screen (with its ?comments-page=N) and the comment's fragment: the section keeps
                    // the pages it shows until it has loaded the one that holds the comment (see comment-section.tsx).
                    navigate(`${window.location.pathname}${window.location.search}#${commentElementId(comment.id)}`);
                    stopFocusing.current();
                    stopFocusing.current = focusWhenShown(comment.id);
                  }}
                >
                  Go to the comment by {comment.author}
                </a>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
