// Threads from outside (a WXR or JSON file) list replies wherever they like;
// the store needs each parent's new id before a reply can point at it.

export interface ThreadItem {
  /** The item's id in its source. */
  key: string;
  /** The source id of the comment it replies to, or null. */
  parentKey: string | null;
}

/**
 * Saves the items in the given order, except that a parent is saved before
 * its first reply. A parent missing from the items, or a loop of parents,
 * leaves the reply at the top level rather than losing it.
 */
export async function saveParentsFirst<T extends ThreadItem>(
  items: readonly T[],
  save: (item: T, parentId: number | null) => Promise<number>,
): Promise<void> {
  const byKey = new Map(items.map((item) => [item.key, item]));
  const newIds = new Map<string, number>();
  const inProgress = new Set<string>();

  const saveOne = async (item: T): Promise<number> => {
    const done = newIds.get(item.key);
    if (done !== undefined) return done;
    inProgress.add(item.key);
    const parent = item.parentKey === null ? undefined : byKey.get(item.parentKey);
    const parentId = parent && !inProgress.has(parent.key) ? await saveOne(parent) : null;
    const id = await save(item, parentId);
    newIds.set(item.key, id);
    inProgress.delete(item.key);
    return id;
  };
  for (const item of items) await saveOne(item);
}
