// The form and its libraries (react-hook-form, the resolver) load in their own
// chunk: reading needs none of it, and it is never rendered on the server.
import { lazy, Suspense, type ComponentProps } from 'react';

const loadForm = () => import('./comment-form');
const CommentFormChunk = lazy(() => loadForm().then((module) => ({ default: module.CommentForm })));

/** Start downloading the form early, e.g. while the thread is loading. */
export const preloadCommentForm = () => void loadForm();

export function LazyCommentForm(props: ComponentProps<typeof CommentFormChunk>) {
  return (
    <Suspense fallback={<p className="form-loading">Loading the reply form…</p>}>
      <CommentFormChunk {...props} />
    </Suspense>
  );
}
