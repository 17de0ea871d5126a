// The discussion under an article: heading with the count, the pages of the
// nested thread the reader has opened, comments left unsent by a closed tab,
// the top-level form, and the state of which reply form is open.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { navigate } from 'wouter/use-browser-location';
import { useLocation } from 'wouter';
import { useLocationHash } from '../../../lib/use-location-hash';
import { buildThread } from '../../../../domain/threading';
import { ErrorState } from '../../../components/error-state';
import { responsesLabel } from '../../../components/responses-label';
import { Skeleton } from '../../../components/skeleton';
import { StaleNotice } from '../../../components/stale-notice';
import { MAX_THREAD_DEPTH } from '../../../lib/thread-depth';
import { useHydrated } from '../../../lib/use-hydrated';
import { getCommentPage, getCommentsQueryOptions, useComments, type ThreadComment } from '../api/get-comments';
import { loadOpenReply, saveOpenReply } from '../lib/open-reply';
import { createOpenReplyStore } from '../lib/open-reply-store';
import type { OutboxEntry } from '../lib/outbox';
import { commentElementId, replyButtonId, ReplyContext, type ReplyState } from '../lib/reply-context';
import { postedCommentsKey } from '../lib/thread-cache';
import { commentsPageHref, useRequestedCommentsPage } from '../lib/use-requested-page';
import { useSort } from '../lib/use-sort';
import { useUnsentComments } from '../lib/use-unsent-comments';
import { useKeyboardShortcuts } from '../lib/use-keyboard-shortcuts';
import { FormPlaceholder, LazyCommentForm, preloadCommentForm } from './lazy-comment-form';
import { LazyUnsentComments } from './lazy-unsent-comments';
import { LazyDiscussionSearch } from './lazy-discussion-search';
import { LazyLiveUpdates } from './lazy-live-updates';
import { CommentThread } from './comment-thread';
import { KeyboardHelpButton } from './keyboard-help-button';
import { PageLink } from './page-link';
import { SortControl } from './sort-control';

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
  const queryClient = useQueryClient();
  const [articlePath] = useLocation();
  // The page the address names is where the thread starts; it changes only to show a page not
  // loaded yet (a permalink, Back), so following a link within what is loaded never reloads it.
  const requested = useRequestedCommentsPage();
  const [firstPage, setFirstPage] = useState(requested ?? 1);
  // The order (?sort=, else the remembered one); links keep it where the address must say it.
  const { sort, linkSort } = useSort();
  const comments = useComments(slug, firstPage, sort);
  // This visit's own new threads while the last page is not loaded (see lib/thread-cache.ts).
  const posted = useQuery({
    queryKey: postedCommentsKey(slug),
    queryFn: () => queryClient.getQueryData<ThreadComment[]>(postedCommentsKey(slug)) ?? [],
    initialData: [],
    staleTime: Infinity,
  });
  const hash = useLocationHash();
  // Reopen the reply form that was open before a reload, without stealing focus.
  const [reply, setReply] = useState(() => ({ to: loadOpenReply(slug), focus: false }));
  // Changing the key re-creates the message node, so a repeat is announced again.
  const [announcement, setAnnouncement] = useState({ key: 0, text: '' });
  // Bumped per form when an unsent comment is put back into it, so that form loads its draft again.
  const [formVersions, setFormVersions] = useState<ReadonlyMap<number | null, number>>(() => new Map());
  // A comment to move focus to once it is rendered: one just posted, or the first of a page just shown.
  const focusWhenShown = useRef<number | null>(null);
  const unsent = useUnsentComments(slug);

  const announce = useCallback((text: string) => setAnnouncement((previous) => ({ key: previous.key + 1, text })), []);

  // Fetch the form's chunk alongside the thread rather than after it.
  useEffect(() => {
    if (commentsOpen) preloadCommentForm();
  }, [commentsOpen]);

  // The server never sees the fragment or this browser's storage; apply both after hydration.
  const hydrated = useHydrated();
  const targetId = hydrated ? targetFromHash(hash) : null;
  const replyTo = hydrated && commentsOpen ? reply.to : null;
  // Data counts as loaded even when a later refetch failed: what is on screen stays there.
  const pages = comments.data?.pages;
  const loaded = pages !== undefined;
  const missingPage = requested === null || pages?.[0] === null;
  const onPages = useMemo(() => pages?.flatMap((page) => page?.comments ?? []) ?? [], [pages]);
  const pageOf = useMemo(() => {
    const byId = new Map<number, number>();
    for (const page of pages ?? []) for (const c of page?.comments ?? []) byId.set(c.id, page!.page.number);
    return byId;
  }, [pages]);
  const ownElsewhere = useMemo(() => posted.data.filter((c) => !pageOf.has(c.id)), [posted.data, pageOf]);
  const shownIds = useMemo(() => new Set([...pageOf.keys(), ...ownElsewhere.map((c) => c.id)]), [pageOf, ownElsewhere]);
  const thread = useMemo(() => buildThread(onPages, MAX_THREAD_DEPTH), [onPages]);
  const ownThread = useMemo(() => buildThread(ownElsewhere, MAX_THREAD_DEPTH), [ownElsewhere]);
  const placed = useMemo(() => placeUnsent(unsent, shownIds), [unsent, shownIds]);
  const permalink = useCallback(
    (commentId: number) => {
      const page = pageOf.get(commentId);
      // An own comment whose page is not loaded: the fragment alone, which the section resolves.
      return page === undefined ? `#${commentElementId(commentId)}` : commentsPageHref(articlePath, page, commentId, linkSort);
    },
    [pageOf, articlePath, linkSort],
  );

  // Back, Forward or a link to a page that is not loaded: start the thread there (adjusted while
  // rendering, as React advises for state that follows a changed input).
  const [seenRequest, setSeenRequest] = useState(requested);
  if (requested !== seenRequest) {
    setSeenRequest(requested);
    // (Pages still shown from the previous order while a new one loads do not count.)
    if (requested !== null && (comments.isPlaceholderData || !pages?.some((page) => page?.page.number === requested))) setFirstPage(requested);
  }

  // A permalink to a comment on another page (#comment-ID, say from an email or a search engine):
  // ask which page holds it, show that page, and put its address in the location bar.
  const targetShown = targetId !== null && shownIds.has(targetId);
  useEffect(() => {
    if (!loaded || targetId === null || targetShown) return;
    let current = true;
    getCommentPage(slug, { comment: targetId }, undefined, sort).then(
      (page) => {
        if (!current) return;
        if (!page) return announce('The comment this link points to is not here any more.');
        const number = page.page.number;
        queryClient.setQueryData(getCommentsQueryOptions(slug, number, sort).queryKey, { pages: [page], pageParams: [number] });
        setFirstPage(number);
        navigate(commentsPageHref(articlePath, number, targetId, linkSort), { replace: true });
      },
      () => current && announce('We could not load the comment this link points to.'),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per target; announce and the path are stable
  }, [loaded, targetId, targetShown, slug, sort]);

  // The thread arrives after the page, so the browser could not scroll to a
  // #comment-ID permalink (or #comments) itself: do it once the target exists.
  const fragment = hydrated ? hash.slice(1) : '';
  useEffect(() => {
    if (!loaded || !fragment) return;
    const id = idFromFragment(fragment);
    const element = id === null ? null : document.getElementById(id);
    if (element && typeof element.scrollIntoView === 'function') element.scrollIntoView({ block: 'start' });
  }, [loaded, fragment, targetShown]);

  // After a post, take the person to their new comment once it is rendered; after "Show more",
  // to the first comment that came.
  useEffect(() => {
    if (focusWhenShown.current === null) return;
    const element = document.getElementById(commentElementId(focusWhenShown.current));
    if (!element) return;
    focusWhenShown.current = null;
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

  const onPosted = useCallback(
    (commentId: number, parentId: number | null) => {
      // Close the reply form that posted; a top-level post leaves an open reply form alone.
      if (parentId !== null) {
        if (loadOpenReply(slug) === parentId) saveOpenReply(slug, null);
        setReply((previous) => (previous.to === parentId ? { to: null, focus: false } : previous));
      }
      announce(POSTED_MESSAGE);
      focusWhenShown.current = commentId;
    },
    [slug, announce],
  );

  const loadPage = async (direction: 'next' | 'previous') => {
    const result = await (direction === 'next' ? comments.fetchNextPage() : comments.fetchPreviousPage());
    const all = result.data?.pages ?? [];
    const page = direction === 'next' ? all[all.length - 1] : all[0];
    if (result.isError || !page) return;
    focusWhenShown.current = page.comments[0]?.id ?? null;
    announce(`Comments of page ${page.page.number} shown.`);
  };

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
    () => ({ slug, openReplyStore, commentsOpen, openReply, cancelReply, onPosted, announce, formVersion, reopenForm, permalink }),
    [slug, openReplyStore, commentsOpen, openReply, cancelReply, onPosted, announce, formVersion, reopenForm, permalink],
  );
  // j, k, r, Escape and ? (see use-keyboard-shortcuts.ts).
  const shortcutHelp = useKeyboardShortcuts(replyState);
  // Only a top-level form that was given an unsent comment back takes focus when it mounts.
  const topVersion = formVersion(null);

  // Every comment of the discussion, on all pages, and the reader's own still on their way.
  const firstLoaded = pages?.find((page) => page !== null);
  const count = (firstLoaded?.total ?? 0) + [...onPages, ...ownElsewhere].filter((c) => c.optimistic).length;
  const first = pages?.[0];
  const last = pages?.[pages.length - 1];
  const pageLink = (direction: 'previous' | 'next') => {
    const page = direction === 'next' ? last?.page.next : first?.page.previous;
    if (!page) return null;
    const [loading, failed] =
      direction === 'next'
        ? [comments.isFetchingNextPage, comments.isFetchNextPageError]
        : [comments.isFetchingPreviousPage, comments.isFetchPreviousPageError];
    return (
      <PageLink
        direction={direction}
        href={commentsPageHref(articlePath, page, undefined, linkSort)}
        loading={loading}
        failed={failed}
        onLoad={() => void loadPage(direction)}
      />
    );
  };
  return (
    <ReplyContext.Provider value={replyState}>
      <section className="comments" id="comments" aria-labelledby="comments-title">
        {/* tabIndex -1: focus comes here when a "Not sent yet" offer it was on is discarded. */}
        <h2 id="comments-title" tabIndex={-1}>
          {/* "No responses yet" would promise more where no more can come. */}
          {loaded && !missingPage
            ? count === 0
              ? commentsOpen
                ? responsesLabel(0)
                : 'No responses'
              : `${responsesLabel(count)} to “${articleTitle}”`
            : 'Responses'}
        </h2>
        <KeyboardHelpButton help={shortcutHelp} />
        {loaded && !missingPage && count > 1 && <SortControl articlePath={articlePath} sort={sort} />}
        {hydrated && (first?.page.previous || last?.page.next) && <LazyDiscussionSearch slug={slug} articlePath={articlePath} />}
        {loaded && comments.isError && !comments.isFetchNextPageError && !comments.isFetchPreviousPageError && (
          <StaleNotice message="We could not check for new comments." onRetry={() => void comments.refetch()} />
        )}
        {missingPage ? (
          <p className="missing-page">
            There is no such page of comments. <a href={commentsPageHref(articlePath, 1, undefined, linkSort)}>Go to the first page of comments</a>.
          </p>
        ) : comments.isPending ? (
          <Skeleton label="Loading comments" lines={3} heading={false} />
        ) : !loaded ? (
          <ErrorState message="We could not load the comments." onRetry={() => void comments.refetch()} />
        ) : count === 0 ? (
          commentsOpen && <p className="empty-thread">Be the first to reply.</p>
        ) : (
          <>
            {pageLink('previous')}
            <CommentThread
              slug={slug}
              nodes={thread}
              targetId={targetId}
              unsent={placed.replies}
              start={first?.page.threadsBefore ? first.page.threadsBefore + 1 : undefined}
            />
            {pageLink('next')}
            {ownThread.length > 0 && <CommentThread slug={slug} nodes={ownThread} targetId={targetId} unsent={placed.replies} />}
          </>
        )}
        {/* New comments arrive live (loaded once the page is idle): other people's wait behind a button here. */}
        <LazyLiveUpdates slug={slug} />
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
