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
 * Siblings keep the order of the list, even when a reply is dated before its parent
 * (imported WordPress comments can be).
 */
export function buildThread<C extends { id: number; parentId: number | null }>(
  comments: C[],
  maxDepth: number = DEFAULT_MAX_DEPTH,
): ThreadNode<C>[] {
  const position = new Map(comments.map((comment, index) => [comment.id, index]));
  const nodes = new Map<number, ThreadNode<C>>();
  const shownUnder = new Map<number, ThreadNode<C> | undefined>();
  const roots: ThreadNode<C>[] = [];

  // Places a comment after its parent, whatever their order in the list; a parent
  // chain that loops back (corrupt data) ends at the top level.
  const place = (comment: C, seen: Set<number>): ThreadNode<C> => {
    const placed = nodes.get(comment.id);
    if (placed) return placed;
    seen.add(comment.id);
    const parentIndex = comment.parentId === null ? undefined : position.get(comment.parentId);
    const parentComment = parentIndex === undefined ? undefined : comments[parentIndex];
    let parent = parentComment && !seen.has(parentComment.id) ? place(parentComment, seen) : undefined;
    while (parent && parent.depth >= maxDepth) parent = shownUnder.get(parent.comment.id);
    const node: ThreadNode<C> = { comment, depth: parent ? parent.depth + 1 : 1, children: [] };
    nodes.set(comment.id, node);
    shownUnder.set(comment.id, parent);
    (parent ? parent.children : roots).push(node);
    return node;
  };
  for (const comment of comments) place(comment, new Set());

  const byPosition = (a: ThreadNode<C>, b: ThreadNode<C>) => position.get(a.comment.id)! - position.get(b.comment.id)!;
  for (const node of nodes.values()) node.children.sort(byPosition);
  return roots.sort(byPosition);
}
