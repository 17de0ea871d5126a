// The nested thread as ordered lists, so screen readers announce "list, 2
// items" and the nesting level instead of a flat run of boxes.
import type { ThreadNode } from '../../../../domain/threading';
import type { ThreadComment } from '../api/get-comments';
import type { OutboxEntry } from '../lib/outbox';
import { useReplyState } from '../lib/reply-context';
import { LazyCommentForm } from './lazy-comment-form';
import { LazyUnsentComments } from './lazy-unsent-comments';
import { CommentItem } from './comment-item';

interface ThreadProps {
  slug: string;
  nodes: ThreadNode<ThreadComment>[];
  /** The comment named in the URL fragment, highlighted for the reader. */
  targetId: number | null;
  focusReplyForm: boolean;
  /** Replies left unsent by a closed tab, by parent: offered where they would appear. */
  unsent: ReadonlyMap<number, OutboxEntry[]>;
}

/** Lets the stylesheet know how far in a list is (see comments.css); deeper than 9 shares one class. */
const depthClass = (depth: number) => (depth <= 9 ? `depth-${depth}` : 'depth-deep');

export function CommentThread({ slug, nodes, targetId, focusReplyForm, unsent, depth = 1 }: ThreadProps & { depth?: number }) {
  const { replyTo, cancelReply, formVersion } = useReplyState();
  return (
    <ol className={depth === 1 ? 'comment-list' : `comment-list children ${depthClass(depth)}`}>
      {nodes.map(({ comment, children }) => (
        <li key={comment.id} className="comment-entry">
          <CommentItem comment={comment} highlighted={comment.id === targetId} />
          {replyTo === comment.id && (
            <LazyCommentForm
              key={formVersion(comment.id)}
              slug={slug}
              parentId={comment.id}
              title={`Reply to ${comment.author}`}
              autoFocus={focusReplyForm}
              onCancel={() => cancelReply(comment.id)}
            />
          )}
          {children.length > 0 && (
            <CommentThread
              slug={slug}
              nodes={children}
              targetId={targetId}
              focusReplyForm={focusReplyForm}
              unsent={unsent}
              depth={depth + 1}
            />
          )}
          <LazyUnsentComments entries={unsent.get(comment.id)} />
        </li>
      ))}
    </ol>
  );
}
