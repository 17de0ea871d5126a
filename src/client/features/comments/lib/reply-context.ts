// Which reply form is open lives in the comment section; the thread items far
// below read and change it through this context instead of prop drilling.
import { createContext, useContext } from 'react';
import type { OpenReplyStore } from './open-reply-store';

export interface ReplyState {
  /** The article the discussion is under (for its comments' own requests: like, edit, delete). */
  slug: string;
  /** Which reply form is open (each comment subscribes for itself; see open-reply-store.ts). */
  openReplyStore: OpenReplyStore;
  /** False when the article takes no new comments: no reply buttons, no form. */
  commentsOpen: boolean;
  openReply: (commentId: number) => void;
  cancelReply: (commentId: number) => void;
  /** Called by a form after its comment (top-level when parentId is null) was accepted by the server. */
  onPosted: (commentId: number, parentId: number | null) => void;
  /** Says something through the section's polite status region. */
  announce: (text: string) => void;
  /** Changes when a form must load its draft again (an unsent comment was put back into it): its React key. */
  formVersion: (parentId: number | null) => number;
  /** Shows the form for parentId afresh from its draft, with focus in it. */
  reopenForm: (parentId: number | null) => void;
  /** A comment's address: its page of the discussion and its fragment. */
  permalink: (commentId: number) => string;
}

export const ReplyContext = createContext<ReplyState | null>(null);

export function useReplyState(): ReplyState {
  const state = useContext(ReplyContext);
  if (!state) throw new Error('useReplyState must be used inside the comment section.');
  return state;
}

export const replyButtonId = (commentId: number) => `reply-button-${commentId}`;
export { commentElementId } from '../../../../contract/permalinks';
