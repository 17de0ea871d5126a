// The reader's keyboard shortcuts: j and k move between comments, r replies
// to the focused one, Escape cancels the open reply, ? shows what they are.
// Listening on the document, so they work wherever focus is on the page,
// except where a key means something else: in a field, with a modifier held,
// inside a dialog, or when something already handled it.
import { useEffect, useMemo, useState } from 'react';
import { commentElementId, replyButtonId, type ReplyState } from './reply-context';

const COMMENTS = 'article.comment[id]';
const FIELDS = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';

/** Whether the help dialog shows, and what opens and closes it (the "?" key or a button). */
export interface ShortcutHelp {
  open: boolean;
  show: () => void;
  hide: () => void;
}

function ignored(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return true;
  const target = event.target instanceof Element ? event.target : null;
  return target?.closest(`${FIELDS}, dialog`) != null;
}

/** Whether a comment's reply form is posting: it must stay until answered (its buttons are disabled meanwhile). */
const replyPosting = (commentId: number) =>
  document.getElementById(commentElementId(commentId))?.parentElement?.querySelector('.comment-form.is-reply button:disabled') != null;

/** The comment with focus, or holding it (focus on its permalink, say). */
const focusedComment = () => document.activeElement?.closest<HTMLElement>(COMMENTS) ?? null;

/** The next or previous comment: from the focused one, else from the top of the viewport. */
function adjacentComment(direction: 1 | -1): HTMLElement | undefined {
  const comments = [...document.querySelectorAll<HTMLElement>(COMMENTS)];
  const current = focusedComment();
  if (current) return comments[comments.indexOf(current) + direction];
  return direction === 1
    ? comments.find((comment) => comment.getBoundingClientRect().top >= 0)
    : comments.findLast((comment) => comment.getBoundingClientRect().top < 0);
}

function moveTo(comment: HTMLElement) {
  comment.focus({ preventScroll: true });
  // jsdom has no scrollIntoView.
  if (typeof comment.scrollIntoView === 'function') comment.scrollIntoView({ block: 'nearest' });
}

export function useKeyboardShortcuts({ openReplyStore, openReply, cancelReply }: ReplyState): ShortcutHelp {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (ignored(event)) return;
      switch (event.key) {
        case 'j':
        case 'k': {
          const comment = adjacentComment(event.key === 'j' ? 1 : -1);
          if (!comment) return;
          moveTo(comment);
          break;
        }
        case 'r': {
          const match = /^comment-(\d+)$/.exec(focusedComment()?.id ?? '');
          // Only where the comment offers a reply (not on a closed article, nor on one awaiting moderation).
          if (!match || !document.getElementById(replyButtonId(Number(match[1])))) return;
          openReply(Number(match[1]));
          break;
        }
        case 'Escape': {
          const { to } = openReplyStore.get();
          if (to === null || replyPosting(to)) return;
          cancelReply(to);
          break;
        }
        case '?':
          setOpen(true);
          break;
        default:
          return;
      }
      // Handled: the key must not also type into a field that takes focus now (the reply form).
      event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [openReplyStore, openReply, cancelReply]);

  return useMemo(() => ({ open, show: () => setOpen(true), hide: () => setOpen(false) }), [open]);
}
