// "Keyboard shortcuts" at the top of the discussion, for readers who do not
// know to press "?": it opens the same help dialog.
import type { ShortcutHelp } from '../lib/use-keyboard-shortcuts';
import { LazyKeyboardHelp } from './lazy-keyboard-help';

export function KeyboardHelpButton({ help }: { help: ShortcutHelp }) {
  return (
    <>
      <button type="button" className="keyboard-help-button" aria-haspopup="dialog" onClick={help.show}>
        Keyboard shortcuts
      </button>
      {help.open && <LazyKeyboardHelp onClose={help.hide} />}
    </>
  );
}
