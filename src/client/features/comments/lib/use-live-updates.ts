// Applies the discussion's live events to the cached thread. The page never moves
// under the reader: other people's new comments are held (the section shows "Show N
// new comments") until the reader asks for them; the reader's own are in the thread
// already (the optimistic post). Edits, deletions and likes change in place at once.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Comment } from '../../../../contract/schemas';
import { threadQueryKey, type ThreadData } from '../api/get-comments';
import { subscribeToLiveEvents } from '../api/live-events';
import { commentElementId, useReplyState } from './reply-context';
import { addToThread, isInThread, replaceInThread, updateInThread } from './thread-cache';

/** Keeps the heading's count ("N responses") in step with comments added to or taken from the thread. */
function countInTotal(client: QueryClient, slug: string, change: number): void {
  client.setQueriesData<ThreadData>({ queryKey: threadQueryKey(slug) }, (data) =>
    data && { ...data, pages: data.pages.map((page) => page && { ...page, total: Math.max(0, page.total + change) }) },
  );
}

/** The oldest change the cached pages of the thread show: events after it may be new to some of them. */
function shownChange(client: QueryClient, slug: string): number | undefined {
  const ids = client
    .getQueriesData<ThreadData>({ queryKey: threadQueryKey(slug) })
    .flatMap(([, data]) => data?.pages.flatMap((page) => (page ? [page.changeId] : [])) ?? []);
  return ids.length ? Math.min(...ids) : undefined;
}

const newComments = (n: number) => (n === 1 ? '1 new comment' : `${n} new comments`);

export function useLiveUpdates(slug: string) {
  const queryClient = useQueryClient();
  const { announce } = useReplyState();
  /** Other people's new comments, in the order they came, until the reader shows them. */
  const [held, setHeld] = useState<Comment[]>([]);
  /** The comments just shown: focus goes to the first of them once they are rendered. */
  const focusNext = useRef<number[]>([]);

  useEffect(() => {
    /** New comments not told apart yet: while the reader's own post is on its way, it may be one of them. */
    const arriving: Comment[] = [];
    const sortOut = () => {
      if (queryClient.isMutating() > 0) return;
      const others = arriving.splice(0).filter((comment) => !isInThread(queryClient, slug, comment.id));
      if (others.length === 0) return;
      setHeld((previous) => {
        const known = new Set(previous.map((c) => c.id));
        const added: Comment[] = [];
        for (const comment of others) {
          // A reply whose parent is on a page not loaded will be on that page when it is.
          const parent = comment.parentId;
          if (known.has(comment.id) || (parent !== null && !known.has(parent) && !isInThread(queryClient, slug, parent))) continue;
          known.add(comment.id);
          added.push(comment);
        }
        return added.length ? [...previous, ...added] : previous;
      });
    };
    // Held comments that came another way (a refetch of the thread) are no longer new.
    const forgetShown = () => setHeld((previous) => {
      const still = previous.filter((c) => !isInThread(queryClient, slug, c.id));
      return still.length === previous.length ? previous : still;
    });
    const updateHeld = (id: number, update: (c: Comment) => Comment | undefined) =>
      setHeld((previous) => (previous.some((c) => c.id === id) ? previous.flatMap((c) => (c.id !== id ? [c] : (update(c) ?? []))) : previous));

    const stopMutations = queryClient.getMutationCache().subscribe(sortOut);
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.query.queryKey[0] === 'articles' && event.query.queryKey[1] === slug) forgetShown();
    });
    const stopEvents = subscribeToLiveEvents(slug, shownChange(queryClient, slug), (event) => {
      switch (event.type) {
        case 'comment':
          arriving.push(event.comment);
          return sortOut();
        case 'edit': {
          // An edit, or a deletion that leaves a tombstone: the entry changes where it is.
          replaceInThread(queryClient, slug, event.comment.id, event.comment);
          return updateHeld(event.comment.id, () => event.comment);
        }
        case 'delete':
          if (isInThread(queryClient, slug, event.id)) {
            replaceInThread(queryClient, slug, event.id, undefined);
            countInTotal(queryClient, slug, -1);
          }
          return updateHeld(event.id, () => undefined);
        case 'like':
          updateInThread(queryClient, slug, event.id, (c) => ({ ...c, likes: event.likes }));
          return updateHeld(event.id, (c) => ({ ...c, likes: event.likes }));
        case 'reset':
          // Too much was missed to patch up: read the discussion again.
          setHeld([]);
          return void queryClient.invalidateQueries({ queryKey: threadQueryKey(slug) });
      }
    });
    return () => {
      stopEvents();
      stopMutations();
      stopQueries();
    };
  }, [queryClient, slug]);

  // Said once per arrival, politely: the count waiting.
  const announced = useRef(0);
  useEffect(() => {
    if (held.length > announced.current) announce(newComments(held.length));
    announced.current = held.length;
  }, [held.length, announce]);

  // Once the comments just shown are rendered, focus the first of them on the page.
  useEffect(() => {
    if (focusNext.current.length === 0) return;
    const elements = focusNext.current.flatMap((id) => document.getElementById(commentElementId(id)) ?? []);
    if (elements.length === 0) return;
    focusNext.current = [];
    elements.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    elements[0].focus();
  });

  /** Puts the held comments into the thread where they belong. */
  const show = useCallback(() => {
    const fresh = held.filter((c) => !isInThread(queryClient, slug, c.id));
    for (const comment of fresh) addToThread(queryClient, slug, comment);
    countInTotal(queryClient, slug, fresh.length);
    focusNext.current = fresh.map((c) => c.id);
    announced.current = 0;
    setHeld([]);
  }, [held, queryClient, slug]);

  return { waiting: held.length, show, label: `Show ${newComments(held.length)}` };
}
