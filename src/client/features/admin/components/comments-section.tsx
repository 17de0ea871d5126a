// The comments across all articles: search, the three tabs with their counts,
// one page of the chosen tab with a checkbox per row for bulk actions, and
// paging. After an action takes rows away, focus goes to the row that took
// their place (the same button), so a moderator can work down the queue by keyboard.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ADMIN_SEARCH_MAX, type AdminComment, type AdminCounts, type ModerationAction } from '../../../../contract/admin';
import { ErrorState } from '../../../components/error-state';
import { getAdminCommentsQueryOptions } from '../api/get-admin-comments';
import { isSignedOut } from '../lib/admin-request';
import { setAdminToken } from '../lib/admin-token';
import { TAB_ACTIONS, TAB_NAMES, type AdminTab } from '../lib/tabs';
import { useModeration } from '../lib/use-moderation';
import { CommentRow } from './comment-row';
import { CommentTabs, PANEL_ID, tabId } from './comment-tabs';
import { ModerationNotice } from './moderation-notice';

/** Where focus goes once rows have left: that row's button for the same action, or the panel when the page is empty. */
type FocusTarget = { id: number; action: ModerationAction } | 'panel' | null;

const BULK_LABELS: Record<ModerationAction, string> = {
  approve: 'Approve selected',
  spam: 'Mark selected as spam',
  restore: 'Restore selected',
  delete: 'Delete selected',
};

/** The tabs' counts without the comments deleted on screen whose delete is not sent yet. */
function countsWithout(counts: AdminCounts, hidden: ReadonlyMap<number, AdminTab>): AdminCounts {
  const shown = { ...counts };
  for (const from of hidden.values()) shown[from] = Math.max(0, shown[from] - 1);
  return shown;
}

export function CommentsSection() {
  const [tab, setTab] = useState<AdminTab>('pending');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<ReadonlySet<number>>(() => new Set());
  const { act, notice, failure, hidden, dismissFailure } = useModeration();
  const list = useQuery(getAdminCommentsQueryOptions({ status: tab, search, page }));
  const panel = useRef<HTMLDivElement>(null);
  const focusTarget = useRef<FocusTarget>(null);

  // A token the server no longer takes: back to the sign-in form.
  const signedOut = list.isError && isSignedOut(list.error);
  useEffect(() => {
    if (signedOut) setAdminToken(undefined);
  }, [signedOut]);

  const rows = (list.data?.comments ?? []).filter((comment) => !hidden.has(comment.id));
  const counts = list.data && countsWithout(list.data.counts, hidden);
  const rowIds = rows.map((comment) => comment.id).join();

  useEffect(() => {
    const target = focusTarget.current;
    if (!target) return;
    focusTarget.current = null;
    const row = target === 'panel' ? null : panel.current?.querySelector(`[data-comment-id="${target.id}"]`);
    const button = row?.querySelector<HTMLElement>(`[data-action="${target !== 'panel' && target.action}"]`) ?? row?.querySelector<HTMLElement>('button');
    (button ?? panel.current)?.focus();
  }, [rowIds]);

  /** Another page of the tab: its list takes the focus once it is there, as the button pressed may be gone. */
  const turnPage = (page: number) => {
    focusTarget.current = 'panel';
    show({ page });
  };

  const show = (next: { tab?: AdminTab; search?: string; page?: number }) => {
    if (next.tab !== undefined) setTab(next.tab);
    if (next.search !== undefined) setSearch(next.search);
    setPage(next.page ?? 1);
    setSelected(new Set());
  };

  function moderate(action: ModerationAction, comments: AdminComment[]) {
    if (comments.length === 0) return;
    const leaving = new Set(comments.map((comment) => comment.id));
    const first = rows.findIndex((comment) => leaving.has(comment.id));
    const staying = rows.filter((comment) => !leaving.has(comment.id));
    // The row now where the first one that left was (or the last row, when that was at the end).
    const next = staying[Math.min(first, staying.length - 1)];
    focusTarget.current = comments.length === 1 && next ? { id: next.id, action } : 'panel';
    setSelected((before) => new Set([...before].filter((id) => !leaving.has(id))));
    act({ action, comments, from: tab });
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('q');
    show({ search: typeof value === 'string' ? value.trim() : '' });
  }

  const chosen = rows.filter((comment) => selected.has(comment.id));
  const allChosen = rows.length > 0 && chosen.length === rows.length;
  const data = list.data;

  return (
    <section className="admin-section" aria-labelledby="admin-comments-title">
      <h2 id="admin-comments-title">Comments</h2>
      <form role="search" className="admin-search" onSubmit={onSearch}>
        <label htmlFor="admin-search">Search comments</label>
        <span className="admin-search-row">
          <input id="admin-search" name="q" type="search" maxLength={ADMIN_SEARCH_MAX} aria-describedby="admin-search-hint" />
          <button type="submit" className="button">
            Search
          </button>
        </span>
        <span className="admin-hint" id="admin-search-hint">
          Text, author or email, in every tab.
        </span>
      </form>
      {search && (
        <p className="admin-hint" role="status">
          Comments matching “{search}”.{' '}
          <button type="button" className="link-button" onClick={() => show({ search: '' })}>
            Show all comments
          </button>
        </p>
      )}
      <CommentTabs current={tab} counts={counts} onChange={(next) => show({ tab: next })} />
      <ModerationNotice notice={notice} failure={failure} onDismissFailure={dismissFailure} />
      <div id={PANEL_ID} role="tabpanel" aria-labelledby={tabId(tab)} tabIndex={-1} ref={panel} className="admin-panel">
        {list.isError && !signedOut ? (
          <ErrorState message={`We could not load the comments: ${list.error.message}`} onRetry={() => void list.refetch()} />
        ) : !data || (list.isPlaceholderData && rows.length === 0) ? (
          <p className="admin-hint">Loading comments…</p>
        ) : rows.length === 0 ? (
          <p className="admin-empty">{search ? `No ${TAB_NAMES[tab].toLowerCase()} comments match “${search}”.` : `No ${TAB_NAMES[tab].toLowerCase()} comments.`}</p>
        ) : (
          <>
            <div className="admin-bulk" role="group" aria-label="Selected comments">
              <label className="admin-select-all">
                <input
                  type="checkbox"
                  checked={allChosen}
                  ref={(box) => {
                    if (box) box.indeterminate = chosen.length > 0 && !allChosen;
                  }}
                  onChange={(event) => setSelected(new Set(event.target.checked ? rows.map((comment) => comment.id) : []))}
                />{' '}
                Select all
              </label>
              {TAB_ACTIONS[tab].map((action) => (
                <button
                  key={action}
                  type="button"
                  className={action === 'delete' ? 'button admin-delete' : 'button'}
                  disabled={chosen.length === 0}
                  onClick={() => moderate(action, chosen)}
                >
                  {BULK_LABELS[action]}
                </button>
              ))}
              <span className="admin-hint" aria-live="polite">
                {chosen.length > 0 && `${chosen.length} selected`}
              </span>
            </div>
            <ul className="admin-comments">
              {rows.map((comment) => (
                <CommentRow
                  key={comment.id}
                  comment={comment}
                  actions={TAB_ACTIONS[tab]}
                  selected={selected.has(comment.id)}
                  onSelect={(on) =>
                    setSelected((before) => {
                      const after = new Set(before);
                      if (on) after.add(comment.id);
                      else after.delete(comment.id);
                      return after;
                    })
                  }
                  onAction={(action) => moderate(action, [comment])}
                />
              ))}
            </ul>
          </>
        )}
        {data && (data.page.previous !== null || data.page.next !== null) && (
          <nav className="admin-paging" aria-label="Pages of comments">
            {data.page.previous !== null && (
              <button type="button" className="button" onClick={() => turnPage(data.page.previous ?? 1)}>
                Newer comments
              </button>
            )}
            <span>Page {data.page.number}</span>
            {data.page.next !== null && (
              <button type="button" className="button" onClick={() => turnPage(data.page.next ?? 1)}>
                Older comments
              </button>
            )}
          </nav>
        )}
      </div>
    </section>
  );
}
