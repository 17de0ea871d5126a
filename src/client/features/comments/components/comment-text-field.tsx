// The comment's text with its Preview, shared by the reply form and the edit
// form so both say and show the same thing: the field, its formatting hint, the
// preview under it, and the button that shows or hides the preview.
import type { UseFormRegisterReturn } from 'react-hook-form';
import { CommentPreview } from './comment-preview';
import { FormField } from './form-field';

const HINT = 'Markdown supported: **bold**, _italic_, `code`, > quotes, lists and links.';

interface CommentTextFieldProps {
  /** The form's id prefix: the field is `${id}-body`, the preview `${id}-preview`. */
  id: string;
  registration: UseFormRegisterReturn;
  error?: string;
  readOnly?: boolean;
  /** The text to preview, while the preview is shown (null: hidden). */
  preview: string | null;
}

export function CommentTextField({ id, registration, error, readOnly, preview }: CommentTextFieldProps) {
  return (
    <>
      <FormField id={`${id}-body`} label="Comment" required multiline hint={HINT} registration={registration} error={error} readOnly={readOnly} />
      {preview !== null && <CommentPreview id={`${id}-preview`} text={preview} />}
    </>
  );
}

export function PreviewToggle({ id, previewing, onToggle }: { id: string; previewing: boolean; onToggle: () => void }) {
  return (
    <button type="button" className="button" aria-pressed={previewing} aria-controls={previewing ? `${id}-preview` : undefined} onClick={onToggle}>
      Preview
    </button>
  );
}
