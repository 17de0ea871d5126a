// Turns the flat comment list into the nested thread the reader shows.

export interface ThreadNode<C> {
  comment: C;
  /** 1 for top-level comments. */
  depth: number;
  children: ThreadNode<C>[];
}

export const DEFAULT_MAX_DEPTH = 5;

/**
 * Replies nest under their parent up to maxDepth; a reply to a comment at the
 * deepest level is shown at that level, right after its siblings (as WordPress does).
 * A reply whose parent is not visible (deleted, pending for others) shows at the top level.
 */
export function buildThread<C extends { id: number; parentId: number | null }>(
  comments: C[],
  maxDepth: number = DEFAULT_MAX_DEPTH,
): ThreadNode<C>[] {
  const nodes = new Map<number, ThreadNode<C>>();
  const parentOf = new Map<number, ThreadNode<C> | undefined>();
  const roots: ThreadNode<C>[] = [];
  for (const comment of comments) {
    let parent = comment.parentId === null ? undefined : nodes.get(comment.parentId);
    while (parent && parent.depth >= maxDepth) parent = parentOf.get(parent.comment.id);
    const node: ThreadNode<C> = { comment, depth: parent ? parent.depth + 1 : 1, children: [] };
    nodes.set(comment.id, node);
    parentOf.set(comment.id, parent);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
