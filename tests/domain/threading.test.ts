import { describe, expect, it } from 'vitest';
import { buildThread, type ThreadNode } from '../../src/domain/threading';

const c = (id: number, parentId: number | null = null) => ({ id, parentId });
const shape = (nodes: ThreadNode<{ id: number }>[]): unknown =>
  nodes.map((n) => (n.children.length ? [n.comment.id, shape(n.children)] : n.comment.id));

describe('buildThread', () => {
  it('nests replies under their parents in order', () => {
    const roots = buildThread([c(1), c(2), c(3, 1), c(4, 3), c(5, 1)]);
    expect(shape(roots)).toEqual([[1, [[3, [4]], 5]], 2]);
    expect(roots[0].children[0].children[0].depth).toBe(3);
  });

  it('attaches replies to the deepest level at that level, as WordPress does', () => {
    const roots = buildThread([c(1), c(2, 1), c(3, 2), c(4, 3)], 3);
    // 4 replies to 3, which is at the maximum depth: 4 shows beside 3.
    expect(shape(roots)).toEqual([[1, [[2, [3, 4]]]]]);
    expect(roots[0].children[0].children.map((n) => n.depth)).toEqual([3, 3]);
  });

  it('shows a reply whose parent is not visible at the top level', () => {
    expect(shape(buildThread([c(1), c(7, 99)]))).toEqual([1, 7]);
  });

  it('keeps a flat list with depth 1', () => {
    expect(buildThread([c(1), c(2, 1)], 1).map((n) => n.comment.id)).toEqual([1, 2]);
  });

  it('nests a reply listed before its parent, keeping the list order among siblings', () => {
    // 3 replies to 2 but is dated earlier (an imported thread can be).
    const roots = buildThread([c(1), c(3, 2), c(2), c(4)]);
    expect(shape(roots)).toEqual([1, [2, [3]], 4]);
  });

  it('survives a parent chain that loops back', () => {
    expect(shape(buildThread([c(1, 2), c(2, 1)]))).toEqual([[2, [1]]]);
  });
});
