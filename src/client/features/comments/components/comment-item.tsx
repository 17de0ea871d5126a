// One comment as WordPress shows it: avatar, author, date as permalink, body,
// and a reply button that opens the reply form right beneath it.
import { memo } from 'react';
import { navigate } from 'wouter/use-browser-location';
import { isHttpUrl } from '../../../../contract/constants';
import { RichText } from '../../../components/rich-text';
import { formatCommentDate, formatExact, formatRelative, isRecent } from '../../../lib/format-date';
import { isPlainClick } from '../../../lib/plain-click';
import { useHydrated } from '../../../lib/use-hydrated';
import type { ThreadComment } from '../api/get-comments';
import { useWaitReason } from '../lib/outbox-context';
import { commentElementId, replyButtonId, useReplyState } from '../lib/reply-context';
import { Identicon } from './identicon';

/** An optimistic entry's state: on its way, or kept until the connection returns. */
function PendingStatus({ idempotencyKey }: { idempotencyKey?: string }) {
  const waiting = useWaitReason(idempotencyKey) !== undefined;
  return <p className={waiting ? 'comment-status is-waiting' : 'comment-status'}>{waiting ? 'Waiting for a connection…' : 'Posting…'}</p>;
}

interface CommentItemProps {
  comment: ThreadComment;
  highlighted: boolean;
  /** Whether its reply form is open (the button says so with aria-expanded). */
  replyOpen: boolean;
}

// Memoised: a comment re-renders when it, its highlight or its own reply form changes.
export const CommentItem = memo(function CommentItem({ comment, highlighted, replyOpen }: CommentItemProps) {
  const { openReply, commentsOpen, permalink } = useReplyState();
  // "3 hours ago" and the reader's time zone depend on when and where the page is
  // read: the server (and hydration) show the date in UTC, the browser then switches.
  const hydrated = useHydrated();
  const elementId = comment.optimistic ? undefined : commentElementId(comment.id);
  const authorId = `comment-author-${comment.id}`;
  const canReply = commentsOpen && comment.status === 'approved' && !comment.optimistic;
  const className = ['comment', comment.status === 'pending' && 'is-pending', highlighted && 'is-highlighted']
    .filter(Boolean)
    .join(' ');
  // Relative only while recent; older comments show their date, readable without hovering.
  const relative = hydrated && isRecent(comment.createdAt);
  const date = (
    <time className="comment-date" dateTime={comment.createdAt} title={relative ? formatExact(comment.createdAt) : undefined}>
      {relative ? formatRelative(comment.createdAt) : formatCommentDate(comment.createdAt, hydrated ? 'local' : 'utc')}
    </time>
  );

  return (
    // tabIndex -1: focus lands here after posting and when following a permalink.
    <article id={elementId} className={className} aria-labelledby={authorId} tabIndex={-1}>
      <header className="comment-meta">
        <Identicon avatar={comment.avatar} placeholder={comment.optimistic} />
        <span className="comment-author">
          {/* The name alone names the comment; the badge sits beside it. dir="auto" isolates right-to-left names. */}
          <span id={authorId} dir="auto">
            {comment.url && isHttpUrl(comment.url) ? (
              <a href={comment.url} rel="nofollow ugc noopener">
                {comment.author}
              </a>
            ) : (
              comment.author
            )}
          </span>
          {comment.byArticleAuthor && <span className="comment-badge">Author</span>}
        </span>
        {elementId ? (
          <a
            className="comment-permalink"
            href={permalink(comment.id)}
            onClick={(event) => {
              // Shown already: only the address changes (no reload of another page of comments).
              if (!isPlainClick(event)) return;
              event.preventDefault();
              navigate(permalink(comment.id));
            }}
          >
            {date}
          </a>
        ) : (
          date
        )}
      </header>
      {comment.optimistic ? (
        <PendingStatus idempotencyKey={comment.idempotencyKey} />
      ) : (
        comment.status === 'pending' && <p className="comment-status">Your comment is awaiting moderation.</p>
      )}
      <RichText className="comment-body" nodes={comment.content} linkRel="nofollow ugc noopener" dir="auto" />
      {canReply && (
        <button
          type="button"
          id={replyButtonId(comment.id)}
          className="reply-button"
          aria-expanded={replyOpen}
          onClick={() => openReply(comment.id)}
        >
          Reply<span className="visually-hidden"> to {comment.author}</span>
        </button>
      )}
    </article>
  );
});
