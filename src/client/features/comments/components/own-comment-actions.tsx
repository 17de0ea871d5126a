// "Edit" and "Delete" on a comment this browser posted, while its edit window is
// open (lib/own-comments.ts; they go when it closes). "Delete" asks first, in
// place; the confirmation and the edit form load on demand.
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useEditableOwnComment } from '../lib/own-comments';
import { commentElementId, useReplyState } from '../lib/reply-context';
import { LazyDeleteConfirmation, preloadOwnCommentTools } from './lazy-own-comment-tools';

export const editButtonId = (commentId: number) => `edit-button-${commentId}`;
const deleteButtonId = (commentId: number) => `delete-button-${commentId}`;

interface OwnCommentActionsProps {
  commentId: number;
  /** Opens the edit form with this text source. */
  onEdit: (source: string) => void;
}

export function OwnCommentActions({ commentId, onEdit }: OwnCommentActionsProps) {
  const { slug } = useReplyState();
  const own = useEditableOwnComment(slug, commentId);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (own) preloadOwnCommentTools();
  }, [own]);

  if (confirming) {
    const keep = () => {
      // Closed synchronously so "Delete" is back to take focus.
      flushSync(() => setConfirming(false));
      // (The comment itself if its time ran out meanwhile.)
      (document.getElementById(deleteButtonId(commentId)) ?? document.getElementById(commentElementId(commentId)))?.focus();
    };
    return <LazyDeleteConfirmation commentId={commentId} onKeep={keep} />;
  }
  if (!own) return null;
  return (
    <>
      <button type="button" id={editButtonId(commentId)} className="comment-action" onClick={() => onEdit(own.body)}>
        Edit
      </button>
      <button type="button" id={deleteButtonId(commentId)} className="comment-action" onClick={() => setConfirming(true)}>
        Delete
      </button>
    </>
  );
}
