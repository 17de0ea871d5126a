// The nested thread as ordered lists, so screen readers announce "list, 2
// items" and the nesting level instead of a flat run of boxes. Each entry is
// memoised and reads only its own reply form's state, so opening one form
// re-renders the comments concerned, not the thread.
import { memo, useEffect, useMemo, useState } from 'react';
import type { ThreadNode } from '../../../../domain/threading';
import type { ThreadComment } from '../api/get-comments';
import { useCollapsedReplies } from '../lib/collapsed-replies';
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
  /** For a list of replies: what its comment's "Hide replies" button controls. */
  id?: string;
}

/** Lets the stylesheet know how far in a list is (see comments.css); deeper than 9 shares one class. */
const depthClass = (depth: number) => (depth <= 9 ? `depth-${depth}` : 'depth-deep');

export const CommentThread = memo(function CommentThread({ slug, nodes, targetId, unsent, depth = 1, start, id }: ThreadProps) {
  return (
    <ol id={id} className={depth === 1 ? 'comment-list' : `comment-list children ${depthClass(depth)}`} start={start}>
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
}: Omit<ThreadProps, 'nodes' | 'depth' | 'start' | 'id'> & { node: ThreadNode<ThreadComment>; depth: number }) {
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
      {children.length > 0 && (
        <Replies
          slug={slug}
          parentId={comment.id}
          nodes={children}
          targetId={targetId}
          unsent={unsent}
          depth={depth + 1}
          replying={form === 'open-focus'}
        />
      )}
      <LazyUnsentComments entries={unsent.get(comment.id)} />
    </li>
  );
});

/** Every reply beneath, at any depth. */
const countReplies = (nodes: ThreadNode<ThreadComment>[]): number =>
  nodes.reduce((sum, node) => sum + 1 + countReplies(node.children), 0);

const holds = (nodes: ThreadNode<ThreadComment>[], commentId: number): boolean =>
  nodes.some((node) => node.comment.id === commentId || holds(node.children, commentId));

/**
 * A comment's replies behind a button that hides and shows them. Only comments with replies
 * render this, so only they subscribe to the hidden state.
 */
function Replies({
  slug,
  parentId,
  nodes,
  targetId,
  unsent,
  depth,
  replying,
}: Omit<ThreadProps, 'depth' | 'start' | 'id'> & { parentId: number; depth: number; replying: boolean }) {
  const [collapsed, setCollapsed] = useCollapsedReplies(slug, parentId);
  const count = useMemo(() => countReplies(nodes), [nodes]);
  const holdsTarget = useMemo(() => targetId !== null && holds(nodes, targetId), [nodes, targetId]);
  // A link to a reply in here shows it (decided while rendering, so it is there to scroll to),
  // until the reader hides the replies again: the target they last chose for.
  const [choseFor, setChoseFor] = useState<number | null>(null);
  const hidden = collapsed && !(holdsTarget && choseFor !== targetId);
  // Replying shows the replies: the new one goes among them, and focus follows it there once posted.
  useEffect(() => {
    if (replying) setCollapsed(false);
  }, [replying, setCollapsed]);
  const listId = `replies-${parentId}`;
  return (
    <>
      <button
        type="button"
        className="replies-toggle"
        aria-expanded={!hidden}
        aria-controls={hidden ? undefined : listId}
        onClick={() => {
          setChoseFor(targetId);
          setCollapsed(!hidden);
        }}
      >
        {hidden ? `${count} ${count === 1 ? 'reply' : 'replies'} hidden` : 'Hide replies'}
      </button>
      {!hidden && <CommentThread id={listId} slug={slug} nodes={nodes} targetId={targetId} unsent={unsent} depth={depth} />}
    </>
  );
}
