// The words for what an action did, or failed to do, to the comments it named.
import type { ModerationAction } from '../../../../contract/admin';
import type { AdminComment } from '../../../../contract/admin';
import { TAB_NAMES, type AdminTab } from './tabs';

/** "the comment by Alice", or "3 comments". */
export const describeComments = (comments: AdminComment[]) =>
  comments.length === 1 ? `the comment by ${comments[0].author}` : `${comments.length} comments`;

const DONE: Record<ModerationAction, (what: string) => string> = {
  approve: (what) => `Approved ${what}.`,
  spam: (what) => `Marked ${what} as spam.`,
  restore: (what) => `Restored ${what} to Pending.`,
  delete: (what) => `Deleted ${what}.`,
};

const TRIED: Record<ModerationAction, (what: string) => string> = {
  approve: (what) => `approve ${what}`,
  spam: (what) => `mark ${what} as spam`,
  restore: (what) => `restore ${what}`,
  delete: (what) => `delete ${what}`,
};

export const describeDone = (action: ModerationAction, comments: AdminComment[]) => DONE[action](describeComments(comments));

export const describeUndone = (comments: AdminComment[], back: AdminTab) => {
  const what = describeComments(comments);
  return `Undone: ${what} ${comments.length === 1 ? 'is' : 'are'} back in ${TAB_NAMES[back]}.`;
};

export function describeFailure(action: ModerationAction, comments: AdminComment[], reason: string): string {
  const back = comments.length === 1 ? 'It is back in the list' : 'They are back in the list';
  return `We could not ${TRIED[action](describeComments(comments))}: ${reason} ${back}.`;
}
