// "Delete this comment?" asked in place, under the author's own comment, with
// focus moved into it; "Keep it" or Escape closes it. Loaded on demand
// (lazy-own-comment-tools.tsx). Once deleted, focus goes to what takes the
// comment's place: its tombstone, or else the next comment, or the heading.
import { useEffect, useId, useRef, useState } from 'react';
import type { Comment } from '../../../../contract/schemas';
import { useDeleteComment } from '../api/delete-comment';
import { describeOwnChangeError } from '../lib/describe-own-change-error';
import { commentElementId, useReplyState } from '../lib/reply-context';

export interface DeleteConfirmationProps {
  commentId: number;
  onKeep: () => void;
}

/** Where focus goes when a comment leaves the page: the next comment, else the discussion's heading. */
function focusAfterRemoval(commentId: number) {
  const comments = [...document.querySelectorAll<HTMLElement>('#comments article.comment')];
  const index = comments.findIndex((element) => element.id === commentElementId(commentId));
  (comments[index + 1] ?? document.getElementById('comments-title'))?.focus();
}

export function DeleteConfirmation({ commentId, onKeep }: DeleteConfirmationProps) {
  const id = useId();
  const { slug, announce } = useReplyState();
  const region = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const mutation = useDeleteComment(slug, (tombstone: Comment | null) => {
    if (tombstone) document.getElementById(commentElementId(commentId))?.focus();
    else focusAfterRemoval(commentId);
    announce('Your comment was deleted.');
  });

  useEffect(() => region.current?.focus(), []);

  return (
    <div
      ref={region}
      className="delete-confirmation"
      role="group"
      aria-labelledby={`${id}-question`}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || mutation.isPending) return;
        event.preventDefault();
        onKeep();
      }}
    >
      <p id={`${id}-question`} className="delete-question">
        Delete this comment?
      </p>
      <button
        type="button"
        className="button button-danger"
        disabled={mutation.isPending}
        onClick={() => {
          setError(null);
          mutation.mutate(commentId, { onError: (failure) => setError(describeOwnChangeError(failure, 'delete')) });
        }}
      >
        Delete comment
      </button>
      <button type="button" className="button" onClick={onKeep} disabled={mutation.isPending}>
        Keep it
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
