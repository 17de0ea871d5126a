// "Like" on a comment: a toggle (aria-pressed) whose name stays "Like"; the
// count beside it (when there is one) is its description ("3 likes"), so a screen reader hears
// "Like, toggle button, pressed, 3 likes" and the name does not change with it.
import { useHydrated } from '../../../lib/use-hydrated';
import { useLikeComment } from '../api/like-comment';
import { useLiked } from '../lib/liked-comments';
import { useReplyState } from '../lib/reply-context';

const FAILED = 'We could not save your like. Please try again.';

export function LikeButton({ id, likes }: { id: number; likes: number }) {
  const { slug, announce } = useReplyState();
  const hydrated = useHydrated();
  const liked = useLiked(slug, id);
  const mutation = useLikeComment(slug, id, () => announce(FAILED));
  const countId = `like-count-${id}`;
  return (
    <span className="like">
      <button
        type="button"
        className="like-button"
        aria-pressed={liked}
        aria-describedby={likes > 0 ? countId : undefined}
        // Useless until hydrated: without JavaScript there is nothing to send it.
        disabled={!hydrated}
        onClick={() => mutation.mutate(!liked)}
      >
        <svg className="like-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M12 20.5s-7.5-4.6-9.3-9.1C1.5 8.3 3.4 5 6.7 5c2 0 3.5 1.1 4.3 2.6h2C13.8 6.1 15.3 5 17.3 5c3.3 0 5.2 3.3 4 6.4-1.8 4.5-9.3 9.1-9.3 9.1z" />
        </svg>
        Like
      </button>
      {/* None yet: nothing to count. */}
      {likes > 0 && (
        <span id={countId} className="like-count">
          {likes}
          <span className="visually-hidden">{likes === 1 ? ' like' : ' likes'}</span>
        </span>
      )}
    </span>
  );
}
