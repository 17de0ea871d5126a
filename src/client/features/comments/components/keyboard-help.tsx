// What the keyboard shortcuts are, in a modal dialog. Loaded on demand
// (lazy-keyboard-help.tsx): few readers ever open it.
import { useEffect, useRef } from 'react';

const SHORTCUTS: [key: string, does: string][] = [
  ['j', 'Next comment'],
  ['k', 'Previous comment'],
  ['r', 'Reply to the focused comment'],
  ['Esc', 'Cancel the reply'],
  ['?', 'Show these shortcuts'],
];

export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Where focus was when it opened: it goes back there on closing.
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const element = dialog.current;
    // Not again on React's second run in development, when focus is in the dialog already.
    if (!element || element.open) return;
    opener.current = document.activeElement;
    element.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="keyboard-help"
      aria-labelledby="keyboard-help-title"
      onClose={() => {
        if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
        onClose();
      }}
    >
      <h2 id="keyboard-help-title">Keyboard shortcuts</h2>
      <ul className="shortcut-list">
        {SHORTCUTS.map(([key, does]) => (
          <li key={key}>
            <kbd>{key}</kbd> {does}
          </li>
        ))}
      </ul>
      <p>They do nothing while you type in a field.</p>
      <button type="button" className="button" onClick={() => dialog.current?.close()}>
        Close
      </button>
    </dialog>
  );
}
