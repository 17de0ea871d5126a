// A labelled input with its hint and its error wired up for assistive tech:
// aria-invalid, and aria-describedby pointing at the hint and the message.
import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

interface FormFieldProps {
  id: string;
  label: string;
  registration: UseFormRegisterReturn;
  required?: boolean;
  hint?: ReactNode;
  error?: string;
  type?: 'text' | 'email' | 'url';
  autoComplete?: string;
  multiline?: boolean;
  /** While the comment is being posted: what is sent must stay what is shown. */
  readOnly?: boolean;
}

export function FormField({ id, label, registration, required, hint, error, type = 'text', autoComplete, multiline, readOnly }: FormFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': required || undefined,
    readOnly: readOnly || undefined,
    ...registration,
  };
  return (
    <p className={multiline ? 'field field-comment' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {/* Outside the label so the name stays exactly "Name"; aria-required tells screen readers instead. */}
      {required && (
        <span className="required" aria-hidden="true">
          {' '}
          *
        </span>
      )}
      {hint && (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      )}
      {multiline ? (
        <textarea rows={8} {...common} />
      ) : (
        <input type={type} autoComplete={autoComplete} {...common} />
      )}
      {error && (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      )}
    </p>
  );
}
