// The passage a top-level comment quotes, above its Comment field: shown as a
// quote with "Remove quote", and the server's word on it (a passage no longer in
// the article) next to it. A form value like the others, so it is saved with the
// draft, kept in the outbox and posted as `quote`. It takes a passage offered by
// "Reply quoting this" (lib/pending-quote) whenever one comes.
import { useEffect, useId, useRef } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { tidyQuote, type TextQuote } from '../../../../contract/text-quote';
import { takePendingQuote, usePendingQuote } from '../lib/pending-quote';

interface QuoteFieldProps<T extends FieldValues, U extends FieldValues> {
  slug: string;
  control: Control<T, unknown, U>;
  disabled: boolean;
  /** Puts focus in the Comment field: after a passage arrives, and after removing it. */
  focusComment: () => void;
}

export function QuoteField<T extends FieldValues, U extends FieldValues>({ slug, control, disabled, focusComment }: QuoteFieldProps<T, U>) {
  const id = useId();
  const { field: { value, onChange, ref }, fieldState } = useController({ control, name: 'quote' as FieldPath<T> });
  const quote = value as TextQuote | null | undefined;
  // A server error is on the quote; the form's own check (too long) on its text.
  const error = fieldState.error as (typeof fieldState.error & { exact?: { message?: string } }) | undefined;
  const message = error?.message ?? error?.exact?.message;
  const pending = usePendingQuote(slug);
  const box = useRef<HTMLDivElement>(null);
  const arrived = useRef(false);

  useEffect(() => {
    if (!pending) return;
    takePendingQuote(slug);
    arrived.current = true;
    onChange(pending);
  }, [pending, slug, onChange]);

  // Once the passage is shown: into view, and focus where the reply is typed.
  useEffect(() => {
    if (!arrived.current || !quote) return;
    arrived.current = false;
    focusComment();
    box.current?.scrollIntoView?.({ block: 'center' });
  });

  if (!quote) return null;
  return (
    <div ref={box} className="quote-field" role="group" aria-labelledby={`${id}-label`}>
      <p id={`${id}-label`} className="quote-field-label">
        Quoting the article
      </p>
      <blockquote className="quote-field-passage">
        <p>{tidyQuote(quote.exact)}</p>
      </blockquote>
      <button
        ref={ref}
        type="button"
        className="button quote-field-remove"
        disabled={disabled}
        aria-describedby={message ? `${id}-error` : undefined}
        onClick={() => {
          onChange(null);
          focusComment();
        }}
      >
        Remove quote
      </button>
      {message && (
        <span className="field-error" id={`${id}-error`}>
          {message}
        </span>
      )}
    </div>
  );
}
