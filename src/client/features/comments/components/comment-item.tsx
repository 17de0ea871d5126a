// One comment as WordPress shows it: avatar, author, date as permalink, body,
// and its actions: "Like", a reply button that opens the reply form right
// beneath it, and for its author, while they may, "Edit" (the form takes the
// body's place) and "Delete". A comment its author deleted while it had replies
// stays as a tombstone, so the replies keep their place.
import { memo, useCallback, useState } from 'react';
import { flushSync } from 'react-dom';
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
import { CommentQuote } from './comment-quote';
import { LazyEditCommentForm } from './lazy-own-comment-tools';
import { LikeButton } from './like-button';
import { editButtonId, OwnCommentActions } from './own-comment-actions';

/** An optimistic entry's state: on its way, or kept until the connection returns. */
function PendingStatus({ idempotencyKey }: { idempotencyKey?: string }) {
  const waiting = useWaitReason(idempotencyKey) !== undefined;
  return <p className={waiting ? 'comment-status is-waiting' : 'comment-status'}>{waiting ? 'Waiting for a connection…' : 'Posting…'}</p>;
}

/** "edited", for everyone; the exact time on hover and for screen readers (in UTC until hydrated, as the date). */
function EditedMark({ editedAt, zone }: { editedAt: string; zone: 'local' | 'utc' }) {
  const exact = formatExact(editedAt, zone);
  return (
    <time className="comment-edited" dateTime={editedAt} title={exact}>
      edited<span className="visually-hidden"> {exact}</span>
    </time>
  );
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
  // The text source being edited, while the edit form is open.
  const [editing, setEditing] = useState<string | null>(null);
  const elementId = comment.optimistic ? undefined : commentElementId(comment.id);
  const authorId = `comment-author-${comment.id}`;
  const live = comment.status === 'approved' && !comment.optimistic && !comment.deleted;
  const canReply = commentsOpen && live;
  const className = ['comment', comment.status === 'pending' && 'is-pending', comment.deleted && 'is-deleted', highlighted && 'is-highlighted']
    .filter(Boolean)
    .join(' ');
  // Relative only while recent; older comments show their date, readable without hovering.
  const relative = hydrated && isRecent(comment.createdAt);
  const date = (
    <time className="comment-date" dateTime={comment.createdAt} title={relative ? formatExact(comment.createdAt) : undefined}>
      {relative ? formatRelative(comment.createdAt) : formatCommentDate(comment.createdAt, hydrated ? 'local' : 'utc')}
    </time>
  );
  const dated = elementId ? (
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
  );

  const closeEdit = useCallback(() => {
    // Closed synchronously so "Edit" is back to take focus (the comment itself if its time ran out meanwhile).
    flushSync(() => setEditing(null));
    (document.getElementById(editButtonId(comment.id)) ?? document.getElementById(commentElementId(comment.id)))?.focus();
  }, [comment.id]);

  if (comment.deleted) {
    return (
      <article id={elementId} className={className} aria-labelledby={authorId} tabIndex={-1}>
        <header className="comment-meta">
          <Identicon avatar={comment.avatar} placeholder />
          <p id={authorId} className="comment-status">
            This comment was deleted.
          </p>
          {dated}
        </header>
      </article>
    );
  }

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
        {comment.editedAt ? (
          <span className="comment-when">
            {dated} <EditedMark editedAt={comment.editedAt} zone={hydrated ? 'local' : 'utc'} />
          </span>
        ) : (
          dated
        )}
      </header>
      {comment.optimistic ? (
        <PendingStatus idempotencyKey={comment.idempotencyKey} />
      ) : (
        comment.status === 'pending' && <p className="comment-status">Your comment is awaiting moderation.</p>
      )}
      {comment.quote && <CommentQuote quote={comment.quote} />}
      {editing !== null ? (
        <LazyEditCommentForm commentId={comment.id} source={editing} onClose={closeEdit} />
      ) : (
        <RichText className="comment-body" nodes={comment.content} linkRel="nofollow ugc noopener" dir="auto" />
      )}
      <div className="comment-actions">
        {live && <LikeButton id={comment.id} likes={comment.likes} />}
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
        {!comment.optimistic && editing === null && <OwnCommentActions commentId={comment.id} onEdit={setEditing} />}
      </div>
    </article>
  );
});
