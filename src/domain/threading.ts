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
  const nodes = new Map<number, ThreadNode<C>>();
  const shownUnder = new Map<number, ThreadNode<C> | undefined>();
  const roots: ThreadNode<C>[] = [];
  // Only needed when a reply comes before its parent in the list, which is rare: built on demand.
  let position: Map<number, number> | undefined;
  const positionOf = (id: number) => (position ??= new Map(comments.map((c, index) => [c.id, index]))).get(id);
  const inProgress = new Set<number>();

  const place = (comment: C): ThreadNode<C> => {
    let parent = comment.parentId === null ? undefined : nodes.get(comment.parentId);
    if (comment.parentId !== null && !parent && !inProgress.has(comment.parentId)) {
      // The parent is listed later (or not at all): place it first. A chain that loops back ends at the top.
      const index = positionOf(comment.parentId);
      inProgress.add(comment.id);
      if (index !== undefined) parent = place(comments[index]);
      inProgress.delete(comment.id);
    }
    while (parent && parent.depth >= maxDepth) parent = shownUnder.get(parent.comment.id);
    const node: ThreadNode<C> = { comment, depth: parent ? parent.depth + 1 : 1, children: [] };
    nodes.set(comment.id, node);
    shownUnder.set(comment.id, parent);
    (parent ? parent.children : roots).push(node);
    return node;
  };
  for (const comment of comments) if (!nodes.has(comment.id)) place(comment);

  if (!position) return roots;
  // Some parents were placed early: put every list of siblings back in list order.
  const byPosition = (a: ThreadNode<C>, b: ThreadNode<C>) => positionOf(a.comment.id)! - positionOf(b.comment.id)!;
  for (const node of nodes.values()) node.children.sort(byPosition);
  return roots.sort(byPosition);
}
