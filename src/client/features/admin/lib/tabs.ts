// The admin page's tabs and the words for them and for each action.
import { ADMIN_TABS, STATUS_OF_ACTION, type ModerationAction } from '../../../../contract/admin';

export type AdminTab = (typeof ADMIN_TABS)[number];

export const TAB_NAMES: Record<AdminTab, string> = { pending: 'Pending', approved: 'Approved', spam: 'Spam' };

/** The actions offered in each tab, in the order of their buttons. */
export const TAB_ACTIONS: Record<AdminTab, readonly ModerationAction[]> = {
  pending: ['approve', 'spam', 'delete'],
  approved: ['spam', 'delete'],
  spam: ['restore', 'approve', 'delete'],
};

export const ACTION_LABELS: Record<ModerationAction, string> = {
  approve: 'Approve',
  spam: 'Mark as spam',
  restore: 'Restore',
  delete: 'Delete',
};

/** The status an action leaves a comment in; undefined for delete (gone). */
export const statusAfter = (action: ModerationAction): AdminTab | undefined => (action === 'delete' ? undefined : STATUS_OF_ACTION[action]);

/** The action that puts a comment back into a status (what Undo sends). */
export const ACTION_TO: Record<AdminTab, Exclude<ModerationAction, 'delete'>> = { pending: 'restore', approved: 'approve', spam: 'spam' };
