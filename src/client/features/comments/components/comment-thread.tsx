// The nested thread as ordered lists, so screen readers announce "list, 2
// items" and the nesting level instead of a flat run of boxes. Each entry is
// memoised and reads only its own reply form's state, so opening one form
// re-renders the comments concerned, not the thread.
import { memo } from 'react';
import type { ThreadNode } from '../../../../domain/threading';
import type { ThreadComment } from '../api/get-comments';
import { useReplyFormState } from '../lib/open-reply-store';
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
  /** Replies left unsent by a closed tab, by parent: offered where they would appear. */
  unsent: ReadonlyMap<number, OutboxEntry[]>;
  depth?: number;
  /** The number of the first entry, when earlier pages of the discussion are not shown. */
  start?: number;
}

/** Lets the stylesheet know how far in a list is (see comments.css); deeper than 9 shares one class. */
const depthClass = (depth: number) => (depth <= 9 ? `depth-${depth}` : 'depth-deep');

export const CommentThread = memo(function CommentThread({ slug, nodes, targetId, unsent, depth = 1, start }: ThreadProps) {
  return (
    <ol className={depth === 1 ? 'comment-list' : `comment-list children ${depthClass(depth)}`} start={start}>
      {nodes.map((node) => (
        <ThreadEntry key={node.comment.id} slug={slug} node={node} targetId={targetId} unsent={unsent} depth={depth} />
      ))}
    </ol>
  );
});

const ThreadEntry = memo(function ThreadEntry({
  slug,
  node: { comment, children },
  targetId,
  unsent,
  depth,
}: Omit<ThreadProps, 'nodes' | 'depth' | 'start'> & { node: ThreadNode<ThreadComment>; depth: number }) {
  const { openReplyStore, cancelReply, formVersion } = useReplyState();
  const form = useReplyFormState(openReplyStore, comment.id);
  return (
    <li className="comment-entry">
      <CommentItem comment={comment} highlighted={comment.id === targetId} replyOpen={form !== 'closed'} />
      {form !== 'closed' && (
        <LazyCommentForm
          key={formVersion(comment.id)}
          slug={slug}
          parentId={comment.id}
          title={`Reply to ${comment.author}`}
          autoFocus={form === 'open-focus'}
          onCancel={() => cancelReply(comment.id)}
        />
      )}
      {children.length > 0 && <CommentThread slug={slug} nodes={children} targetId={targetId} unsent={unsent} depth={depth + 1} />}
      <LazyUnsentComments entries={unsent.get(comment.id)} />
    </li>
  );
});
