// One comment as a moderator sees it: who wrote it (with the email, here only),
// where, when, from which client (its hash), the text as readers see it, and
// the actions of the tab it is in. Every button's name says whose comment it acts on.
import type { AdminComment, ModerationAction } from '../../../../contract/admin';
import { commentPath } from '../../../../contract/permalinks';
import { RichText } from '../../../components/rich-text';
import { formatCommentDate } from '../../../lib/format-date';
import { ACTION_LABELS } from '../lib/tabs';

interface CommentRowProps {
  comment: AdminComment;
  actions: readonly ModerationAction[];
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onAction: (action: ModerationAction) => void;
}

/** The comment in its article: its permalink lands on it on whichever page of the thread it is. */
const commentHref = ({ article, id }: AdminComment) => commentPath(article.slug, id);

export function CommentRow({ comment, actions, selected, onSelect, onAction }: CommentRowProps) {
  const headingId = `admin-comment-${comment.id}`;
  return (
    <li className="admin-comment" data-comment-id={comment.id} aria-labelledby={headingId}>
      <input
        type="checkbox"
        className="admin-select"
        checked={selected}
        onChange={(event) => onSelect(event.target.checked)}
        aria-label={`Select comment by ${comment.author}`}
      />
      <div className="admin-comment-main">
        <p className="admin-comment-who">
          <strong id={headingId} dir="auto">
            {comment.author}
          </strong>{' '}
          <a className="admin-email" href={`mailto:${comment.email}`}>
            {comment.email}
          </a>
          {comment.url && (
            <>
              {' '}
              <a className="admin-website" href={comment.url} rel="nofollow ugc noopener noreferrer">
                {comment.url.replace(/^https?:\/\//, '')}
              </a>
            </>
          )}
        </p>
        <p className="admin-comment-where">
          <time dateTime={comment.createdAt}>{formatCommentDate(comment.createdAt)}</time> on{' '}
          <a href={commentHref(comment)}>{comment.article.title}</a>
          {comment.parentId !== null && <> (a reply)</>}
        </p>
        {comment.content.length > 0 ? (
          <RichText className="comment-body admin-comment-text" nodes={comment.content} linkRel="nofollow ugc noopener" dir="auto" />
        ) : (
          <p className="admin-comment-text" dir="auto">
            {comment.body}
          </p>
        )}
        <p className="admin-client">
          Client hash: {comment.clientHash === null ? <span>forgotten</span> : <code>{comment.clientHash}</code>}
        </p>
        <p className="admin-actions">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'delete' ? 'button admin-delete' : action === 'approve' ? 'button button-primary' : 'button'}
              data-action={action}
              aria-label={`${ACTION_LABELS[action]} comment by ${comment.author}`}
              onClick={() => onAction(action)}
            >
              {ACTION_LABELS[action]}
            </button>
          ))}
        </p>
      </div>
    </li>
  );
}
