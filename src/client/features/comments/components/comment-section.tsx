// The discussion under an article: heading with the count, the nested thread,
// comments left unsent by a closed tab, the top-level form, and the state of
// which reply form is open.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useLocation } from 'react-router';
import { buildThread } from '../../../../domain/threading';
import { ErrorState } from '../../../components/error-state';
import { responsesLabel } from '../../../components/responses-label';
import { Skeleton } from '../../../components/skeleton';
import { StaleNotice } from '../../../components/stale-notice';
import { MAX_THREAD_DEPTH } from '../../../lib/thread-depth';
import { useHydrated } from '../../../lib/use-hydrated';
import { useComments } from '../api/get-comments';
import { loadOpenReply, saveOpenReply } from '../lib/open-reply';
import { createOpenReplyStore } from '../lib/open-reply-store';
import type { OutboxEntry } from '../lib/outbox';
import { commentElementId, replyButtonId, ReplyContext, type ReplyState } from '../lib/reply-context';
import { useUnsentComments } from '../lib/use-unsent-comments';
import { FormPlaceholder, LazyCommentForm, preloadCommentForm } from './lazy-comment-form';
import { LazyUnsentComments } from './lazy-unsent-comments';
import { CommentThread } from './comment-thread';

const POSTED_MESSAGE = 'Your comment was posted.';

/** The element id a fragment names; a malformed one (say "#%E0") names nothing rather than throwing. */
function idFromFragment(fragment: string): string | null {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return null;
  }
}

function targetFromHash(hash: string): number | null {
  const match = /^#comment-(\d+)$/.exec(hash);
  return match ? Number(match[1]) : null;
}

/** Unsent replies go under their parent; top-level ones, and replies whose parent is not shown, after the thread. */
function placeUnsent(entries: OutboxEntry[], shownIds: Set<number>) {
  const top: OutboxEntry[] = [];
  const replies = new Map<number, OutboxEntry[]>();
  for (const entry of entries) {
    const parentId = entry.input.parentId;
    if (parentId === null || !shownIds.has(parentId)) top.push(entry);
    else replies.set(parentId, [...(replies.get(parentId) ?? []), entry]);
  }
  return { top, replies };
}

interface CommentSectionProps {
  slug: string;
  articleTitle: string;
  commentsOpen: boolean;
}

export function CommentSection({ slug, articleTitle, commentsOpen }: CommentSectionProps) {
  const comments = useComments(slug);
  const { hash } = useLocation();
  // Reopen the reply form that was open before a reload, without stealing focus.
  const [reply, setReply] = useState(() => ({ to: loadOpenReply(slug), focus: false }));
  // Changing the key re-creates the message node, so a repeat is announced again.
  const [announcement, setAnnouncement] = useState({ key: 0, text: '' });
  // Bumped per form when an unsent comment is put back into it, so that form loads its draft again.
  const [formVersions, setFormVersions] = useState<ReadonlyMap<number | null, number>>(() => new Map());
  const focusAfterPost = useRef<number | null>(null);
  const unsent = useUnsentComments(slug);

  // Fetch the form's chunk alongside the thread rather than after it.
  useEffect(() => {
    if (commentsOpen) preloadCommentForm();
  }, [commentsOpen]);

  // The server never sees the fragment or this browser's storage; apply both after hydration.
  const hydrated = useHydrated();
  const targetId = hydrated ? targetFromHash(hash) : null;
  const replyTo = hydrated && commentsOpen ? reply.to : null;
  // Data counts as loaded even when a later refetch failed: what is on screen stays there.
  const loaded = comments.data !== undefined;
  const thread = useMemo(() => buildThread(comments.data ?? [], MAX_THREAD_DEPTH), [comments.data]);
  const placed = useMemo(() => placeUnsent(unsent, new Set(comments.data?.map((c) => c.id))), [unsent, comments.data]);

  // The thread arrives after the page, so the browser could not scroll to a
  // #comment-ID permalink (or #comments) itself: do it once the target exists.
  const fragment = hydrated ? hash.slice(1) : '';
  useEffect(() => {
    if (!loaded || !fragment) return;
    const id = idFromFragment(fragment);
    const element = id === null ? null : document.getElementById(id);
    if (element && typeof element.scrollIntoView === 'function') element.scrollIntoView({ block: 'start' });
  }, [loaded, fragment]);

  // After a post, take the person to their new comment once it is rendered.
  useEffect(() => {
    if (focusAfterPost.current === null) return;
    const element = document.getElementById(commentElementId(focusAfterPost.current));
    if (!element) return;
    focusAfterPost.current = null;
    element.focus();
  });

  const openReply = useCallback(
    (commentId: number) => {
      saveOpenReply(slug, commentId);
      setReply({ to: commentId, focus: true });
    },
    [slug],
  );

  const cancelReply = useCallback(
    (commentId: number) => {
      saveOpenReply(slug, null);
      // Close synchronously so the reply button can take focus back right away.
      flushSync(() => setReply({ to: null, focus: false }));
      document.getElementById(replyButtonId(commentId))?.focus();
    },
    [slug],
  );

  const announce = useCallback((text: string) => setAnnouncement((previous) => ({ key: previous.key + 1, text })), []);

  const onPosted = useCallback(
    (commentId: number, parentId: number | null) => {
      // Close the reply form that posted; a top-level post leaves an open reply form alone.
      if (parentId !== null) {
        if (loadOpenReply(slug) === parentId) saveOpenReply(slug, null);
        setReply((previous) => (previous.to === parentId ? { to: null, focus: false } : previous));
      }
      announce(POSTED_MESSAGE);
      focusAfterPost.current = commentId;
    },
    [slug, announce],
  );

  const formVersion = useCallback((parentId: number | null) => formVersions.get(parentId) ?? 0, [formVersions]);

  const reopenForm = useCallback(
    (parentId: number | null) => {
      setFormVersions((previous) => new Map(previous).set(parentId, (previous.get(parentId) ?? 0) + 1));
      if (parentId !== null) openReply(parentId);
    },
    [openReply],
  );

  // The thread's comments read the open form from this store, each for itself: opening a
  // reply form re-renders two comments, not all of them. Set before paint, after each change.
  const [openReplyStore] = useState(createOpenReplyStore);
  useLayoutEffect(() => openReplyStore.set({ to: replyTo, focus: reply.focus }), [openReplyStore, replyTo, reply.focus]);

  const replyState = useMemo<ReplyState>(
    () => ({ openReplyStore, commentsOpen, openReply, cancelReply, onPosted, announce, formVersion, reopenForm }),
    [openReplyStore, commentsOpen, openReply, cancelReply, onPosted, announce, formVersion, reopenForm],
  );
  // Only a top-level form that was given an unsent comment back takes focus when it mounts.
  const topVersion = formVersion(null);

  const count = comments.data?.length ?? 0;
  return (
    <ReplyContext.Provider value={replyState}>
      <section className="comments" id="comments" aria-labelledby="comments-title">
        {/* tabIndex -1: focus comes here when a "Not sent yet" offer it was on is discarded. */}
        <h2 id="comments-title" tabIndex={-1}>
          {/* "No responses yet" would promise more where no more can come. */}
          {loaded ? (count === 0 ? (commentsOpen ? responsesLabel(0) : 'No responses') : `${responsesLabel(count)} to “${articleTitle}”`) : 'Responses'}
        </h2>
        {loaded && comments.isError && (
          <StaleNotice message="We could not check for new comments." onRetry={() => void comments.refetch()} />
        )}
        {comments.isPending ? (
          <Skeleton label="Loading comments" lines={3} heading={false} />
        ) : !loaded ? (
          <ErrorState message="We could not load the comments." onRetry={() => void comments.refetch()} />
        ) : count === 0 ? (
          commentsOpen && <p className="empty-thread">Be the first to reply.</p>
        ) : (
          <CommentThread slug={slug} nodes={thread} targetId={targetId} unsent={placed.replies} />
        )}
        {!comments.isPending && <LazyUnsentComments entries={placed.top} />}
        {/* Not rendered on the server (drafts and saved details live in this browser only): its place is kept instead. */}
        {!commentsOpen ? (
          <p className="comments-closed">Comments are closed.</p>
        ) : (
          !comments.isPending &&
          (hydrated ? (
            <LazyCommentForm key={topVersion} slug={slug} parentId={null} title="Leave a Reply" autoFocus={topVersion > 0} />
          ) : (
            <FormPlaceholder />
          ))
        )}
        <div className="visually-hidden" role="status" aria-live="polite">
          {announcement.text && <p key={announcement.key}>{announcement.text}</p>}
        </div>
      </section>
    </ReplyContext.Provider>
  );
}
