// The form and its libraries (react-hook-form, the resolver) load in their own
// chunk: reading needs none of it, and it is never rendered on the server.
import { lazy, Suspense, type ComponentProps } from 'react';

const loadForm = () => import('./comment-form');
const CommentFormChunk = lazy(() => loadForm().then((module) => ({ default: module.CommentForm })));

/** Start downloading the form early, e.g. while the thread is loading. */
export const preloadCommentForm = () => void loadForm();

/**
 * Holds the form's place (about its height, see form.css) until it is there,
 * so nothing below jumps when it arrives. Rendered on the server too, empty.
 */
export function FormPlaceholder({ reply = false, loading = false }: { reply?: boolean; loading?: boolean }) {
  return (
    <div className={reply ? 'form-placeholder is-reply' : 'form-placeholder'}>
      {loading && <p className="form-loading">Loading the reply form…</p>}
    </div>
  );
}

export function LazyCommentForm(props: ComponentProps<typeof CommentFormChunk>) {
  return (
    <Suspense fallback={<FormPlaceholder reply={props.parentId !== null} loading />}>
      <CommentFormChunk {...props} />
    </Suspense>
  );
}
