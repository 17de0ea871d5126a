// The tabs "Pending", "Approved", "Spam" with their counts: a tablist as the ARIA
// practices describe it (one tab in the Tab order; arrow keys, Home and End move
// between tabs and show each at once).
import { useRef, type KeyboardEvent } from 'react';
import { ADMIN_TABS, type AdminCounts } from '../../../../contract/admin';
import { TAB_NAMES, type AdminTab } from '../lib/tabs';

export const tabId = (tab: AdminTab) => `admin-tab-${tab}`;
export const PANEL_ID = 'admin-panel';

interface CommentTabsProps {
  current: AdminTab;
  counts: AdminCounts | undefined;
  onChange: (tab: AdminTab) => void;
}

export function CommentTabs({ current, counts, onChange }: CommentTabsProps) {
  const list = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent) {
    const index = ADMIN_TABS.indexOf(current);
    const last = ADMIN_TABS.length - 1;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = ADMIN_TABS[(next + ADMIN_TABS.length) % ADMIN_TABS.length];
    onChange(tab);
    list.current?.querySelector<HTMLElement>(`#${tabId(tab)}`)?.focus();
  }

  return (
    <div className="admin-tabs" role="tablist" aria-label="Comments by status" ref={list} onKeyDown={onKeyDown}>
      {ADMIN_TABS.map((tab) => (
        <button
          key={tab}
          id={tabId(tab)}
          type="button"
          role="tab"
          aria-selected={tab === current}
          aria-controls={PANEL_ID}
          tabIndex={tab === current ? 0 : -1}
          onClick={() => onChange(tab)}
        >
          {TAB_NAMES[tab]}
          {counts && ` (${counts[tab]})`}
        </button>
      ))}
    </div>
  );
}
