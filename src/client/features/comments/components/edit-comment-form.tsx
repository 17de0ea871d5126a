// The author's edit of their own comment, in place of its text: the same Comment
// field and Preview as the reply form (comment-text-field.tsx), with "Update
// Comment" and "Cancel edit". Loaded on demand (lazy-own-comment-tools.tsx).
// A refusal (say the edit window closed) is said next to the field, and the
// text stays there so nothing typed is lost.
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod/mini';
import { editCommentSchema } from '../../../../contract/new-comment';
import { isApiClientError } from '../../../lib/api-client';
import { useEditComment } from '../api/edit-comment';
import { describeOwnChangeError } from '../lib/describe-own-change-error';
import { useReplyState } from '../lib/reply-context';
import { CommentTextField, PreviewToggle } from './comment-text-field';

type FormInput = z.input<typeof editCommentSchema>;
type FormOutput = z.output<typeof editCommentSchema>;

export interface EditCommentFormProps {
  commentId: number;
  /** The text source to start from (see lib/own-comments.ts). */
  source: string;
  /** Closes the form: after an update, or cancelled. */
  onClose: () => void;
}

export function EditCommentForm({ commentId, source, onClose }: EditCommentFormProps) {
  const id = useId();
  const { slug, announce } = useReplyState();
  const mutation = useEditComment(slug);
  const [previewing, setPreviewing] = useState(false);
  const {
    register,
    handleSubmit,
    control,
    setError,
    setFocus,
    formState: { errors },
  } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(editCommentSchema),
    defaultValues: { body: source },
    shouldFocusError: true,
  });
  // Only followed while the preview is open.
  const previewText = useWatch({ control, name: 'body', disabled: !previewing }) ?? '';

  useEffect(() => setFocus('body'), [setFocus]);

  const onSubmit = ({ body }: FormOutput) => {
    if (mutation.isPending) return;
    mutation.mutate(
      { id: commentId, body },
      {
        onSuccess: () => {
          announce('Your comment was updated.');
          onClose();
        },
        onError: (error) => {
          const message = (isApiClientError(error) && error.fields?.body) || describeOwnChangeError(error, 'edit');
          setError('body', { type: 'server', message }, { shouldFocus: true });
        },
      },
    );
  };

  return (
    <form
      className="comment-form is-edit"
      aria-label="Edit your comment"
      noValidate
      onSubmit={(event) => void handleSubmit(onSubmit)(event)}
      onKeyDown={(event) => {
        // Escape cancels, as "Cancel edit" does (not while composing, nor while the update is on its way).
        if (event.key !== 'Escape' || event.nativeEvent.isComposing || event.defaultPrevented || mutation.isPending) return;
        event.preventDefault();
        onClose();
      }}
    >
      <CommentTextField
        id={id}
        registration={register('body')}
        error={errors.body?.message}
        readOnly={mutation.isPending}
        preview={previewing ? previewText : null}
      />
      <p className="form-actions">
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          Update Comment
        </button>
        <PreviewToggle id={id} previewing={previewing} onToggle={() => setPreviewing((on) => !on)} />
        <button type="button" className="button" onClick={onClose} disabled={mutation.isPending}>
          Cancel edit
        </button>
      </p>
    </form>
  );
}
