// What the last action did, with its Undo while there is time; and what failed.
// Both regions are on the page from the start, so screen readers announce what
// appears in them. When the Undo button goes (pressed, or its time is over) while
// it has the focus, the focus stays here, on the words, rather than falling to the page.
import { useEffect, useRef } from 'react';
import type { Notice } from '../lib/use-moderation';

interface ModerationNoticeProps {
  notice: Notice | null;
  failure: string | null;
  onDismissFailure: () => void;
}

export function ModerationNotice({ notice, failure, onDismissFailure }: ModerationNoticeProps) {
  const words = useRef<HTMLParagraphElement>(null);
  const hadUndo = useRef(false);

  useEffect(() => {
    const lostFocus = hadUndo.current && (!document.activeElement || document.activeElement === document.body);
    hadUndo.current = Boolean(notice?.undo);
    if (lostFocus) words.current?.focus();
  }, [notice]);

  return (
    <div className="admin-notices">
      <div role="status" className="admin-notice-region">
        {notice && (
          <p className="admin-notice" key={notice.key} ref={words} tabIndex={-1}>
            {notice.text}{' '}
            {notice.undo && (
              <button type="button" className="button admin-undo" onClick={notice.undo}>
                Undo
              </button>
            )}
          </p>
        )}
      </div>
      <div role="alert" className="admin-notice-region">
        {failure && (
          <p className="admin-notice admin-failure">
            {failure}{' '}
            <button type="button" className="link-button" onClick={onDismissFailure}>
              Dismiss
            </button>
          </p>
        )}
      </div>
    </div>
  );
}
