// Which reply form was open, so a reload reopens it under the same comment.
// Apart from the drafts: the thread needs this up front, the drafts only with the form.
import { readString, removeItem, writeString } from '../../../lib/storage';

const openReplyKey = (slug: string) => `colloquy:open-reply:${slug}`;

export function loadOpenReply(slug: string): number | null {
  const value = Number(readString(openReplyKey(slug)));
  return Number.isInteger(value) && value > 0 ? value : null;
}

export function saveOpenReply(slug: string, commentId: number | null): void {
  if (commentId === null) removeItem(openReplyKey(slug));
  else writeString(openReplyKey(slug), String(commentId));
}
