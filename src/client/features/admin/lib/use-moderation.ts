// Moderating with Undo. Each action shows at once and says what it did, with an
// "Undo" button for UNDO_SECONDS. Undo sends the action that puts the comments back
// into their tab; a delete cannot be undone on the server, so it is only sent once
// its Undo is gone: when the time is over, when another action takes its place, or
// as the page goes away (pagehide, with keepalive).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdminComment } from '../../../../contract/admin';
import { moderateCommentsAsPageCloses, useModerateComments, type Moderation } from '../api/moderate-comments';
import { isSignedOut } from './admin-request';
import { readAdminToken, setAdminToken } from './admin-token';
import { describeDone, describeFailure, describeUndone } from './describe-moderation';
import { ACTION_TO, statusAfter, type AdminTab } from './tabs';

export const UNDO_SECONDS = 8;

export interface Notice {
  /** Changes with every notice, so the same words said twice are announced twice. */
  key: number;
  text: string;
  undo?: () => void;
}

interface PendingDelete {
  moderation: Moderation;
  timer: ReturnType<typeof setTimeout>;
}

export function useModeration() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  /** Rows deleted on screen whose delete is not sent yet (with the tab they were in): hidden from every list, and from its counts, until the lists lose them. */
  const [hidden, setHidden] = useState<ReadonlyMap<number, AdminTab>>(() => new Map());
  const pendingDelete = useRef<PendingDelete | null>(null);
  const noticeKey = useRef(0);

  const onFailure = useCallback((moderation: Moderation, error: Error) => {
    // A token the server no longer takes: back to the sign-in form, which says so.
    if (isSignedOut(error)) return setAdminToken(undefined);
    setNotice(null);
    setFailure(describeFailure(moderation.action, moderation.comments, error.message));
  }, []);
  const hide = useCallback((comments: AdminComment[], from: AdminTab | undefined) => {
    setHidden((before) => {
      const after = new Map(before);
      for (const { id } of comments) {
        if (from) after.set(id, from);
        else after.delete(id);
      }
      return after;
    });
  }, []);
  // A delete sent at last: its rows leave the lists' data as they stop being hidden, so nothing flickers or counts twice.
  const onMoved = useCallback(
    (moderation: Moderation) => {
      if (moderation.action === 'delete') hide(moderation.comments, undefined);
    },
    [hide],
  );
  const { mutate } = useModerateComments({ onMoved, onFailure });

  const say = useCallback((text: string, undo?: () => void) => {
    setFailure(null);
    setNotice({ key: ++noticeKey.current, text, undo });
  }, []);

  /** Sends the delete waiting for its Undo, now. */
  const sendPendingDelete = useCallback(() => {
    const pending = pendingDelete.current;
    if (!pending) return;
    pendingDelete.current = null;
    clearTimeout(pending.timer);
    mutate(pending.moderation);
  }, [mutate]);

  const act = useCallback(
    (moderation: Moderation) => {
      // This action's notice takes the place of the last one, and with it that one's Undo.
      sendPendingDelete();
      const { action, comments, from } = moderation;
      const done = describeDone(action, comments);
      const to = statusAfter(action);
      if (to === undefined) {
        hide(comments, from);
        const timer = setTimeout(sendPendingDelete, UNDO_SECONDS * 1000);
        pendingDelete.current = { moderation: { ...moderation, token: readAdminToken() }, timer };
        say(done, () => {
          clearTimeout(timer);
          pendingDelete.current = null;
          hide(comments, undefined);
          say(describeUndone(comments, from));
        });
        return;
      }
      mutate(moderation);
      say(done, () => {
        const moved = comments.map((comment) => ({ ...comment, status: to }));
        mutate({ action: ACTION_TO[from], comments: moved, from: to });
        say(describeUndone(comments, from));
      });
    },
    [mutate, hide, say, sendPendingDelete],
  );

  // The Undo button goes after UNDO_SECONDS; the words stay until the next action.
  useEffect(() => {
    if (!notice?.undo) return;
    const timer = setTimeout(() => setNotice((current) => (current === notice ? { ...notice, undo: undefined } : current)), UNDO_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [notice]);

  // A delete still waiting when the page goes away is sent all the same: the moderator saw it done.
  useEffect(() => {
    const onPageHide = () => {
      const pending = pendingDelete.current;
      if (!pending?.moderation.token) return;
      pendingDelete.current = null;
      clearTimeout(pending.timer);
      const { action, comments, token } = pending.moderation;
      moderateCommentsAsPageCloses({ action, ids: comments.map((comment) => comment.id) }, token);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      // Leaving the admin page inside the app (a link to an article, or signing out): sent now, as a normal request.
      sendPendingDelete();
    };
  }, [sendPendingDelete]);

  return { act, notice, failure, hidden, dismissFailure: () => setFailure(null) };
}
