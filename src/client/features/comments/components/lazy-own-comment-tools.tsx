// The edit form and the delete confirmation load on demand: only the author of a
// comment posted in the last minutes ever sees them, so no other reader downloads them.
import { lazy, Suspense } from 'react';
import type { DeleteConfirmationProps } from './delete-confirmation';
import type { EditCommentFormProps } from './edit-comment-form';

const loadTools = () => import('./own-comment-tools');
const EditCommentFormChunk = lazy(() => loadTools().then((module) => ({ default: module.EditCommentForm })));
const DeleteConfirmationChunk = lazy(() => loadTools().then((module) => ({ default: module.DeleteConfirmation })));

/** Fetched while the author's "Edit" and "Delete" are on screen, so pressing one shows it at once. */
export const preloadOwnCommentTools = () => void loadTools();

export function LazyEditCommentForm(props: EditCommentFormProps) {
  return (
    <Suspense fallback={<p className="form-loading">Loading the edit form…</p>}>
      <EditCommentFormChunk {...props} />
    </Suspense>
  );
}

export function LazyDeleteConfirmation(props: DeleteConfirmationProps) {
  return (
    <Suspense fallback={null}>
      <DeleteConfirmationChunk {...props} />
    </Suspense>
  );
}
