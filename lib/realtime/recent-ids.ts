// A bounded set of recently seen event ids (oldest forgotten first), used to drop replayed duplicates.

export interface RecentIds {
  /** True when `id` was seen recently; otherwise remembers it and returns false. */
  seen(id: string): boolean;
  has(id: string): boolean;
  clear(): void;
  readonly size: number;
}

export function createRecentIds(capacity = 5_000): RecentIds {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new Error(`createRecentIds: capacity must be a positive integer, got ${capacity}`);
  }
  // A Set keeps insertion order, so its first element is always the oldest.
  const ids = new Set<string>();
  return {
    seen(id) {
      if (ids.has(id)) return true;
      ids.add(id);
      if (ids.size > capacity) {
        const oldest = ids.values().next().value;
        if (oldest !== undefined) ids.delete(oldest);
      }
      return false;
    },
    has: (id) => ids.has(id),
    clear: () => ids.clear(),
    get size() {
      return ids.size;
    },
  };
}
