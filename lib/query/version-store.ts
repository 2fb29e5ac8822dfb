// Per-QueryClient memory of the newest copy seen of every entity (pushed or fetched), and of removals.
import type { QueryClient } from "@tanstack/react-query";

export interface VersionEntry {
  version: number;
  /** The newest copy seen, or null for a tombstone (the entity was removed at `version`). */
  entity: unknown | null;
  /** Store-wide sequence number of the last change, to find what changed since a fetch started. */
  seq: number;
}

export interface VersionStore {
  get(domain: string, id: string): VersionEntry | undefined;
  /** Records a copy when it is newer than the one held (or none is held); returns whether it was. */
  offer(domain: string, id: string, version: number, entity: unknown): boolean;
  /** Replaces the held copy without a version change (e.g. notification_read setting read_at). */
  touch(domain: string, id: string, entity: unknown): void;
  /** Records a removal at `version` (Infinity: final); returns false when a newer copy is held. */
  tombstone(domain: string, id: string, version: number): boolean;
  /** The current sequence number (take it before a fetch starts). */
  seq(): number;
  /** Live entities of `domain` changed after sequence `since`. */
  changedSince(domain: string, since: number): unknown[];
  clear(): void;
  readonly size: number;
}

/** Entries kept per QueryClient before the least recently changed ones are forgotten. */
export const VERSION_STORE_CAPACITY = 5_000;

const stores = new WeakMap<QueryClient, VersionStore>();

/** The store of `qc` (created on first use). */
export function getVersionStore(qc: QueryClient): VersionStore {
  let store = stores.get(qc);
  if (!store) {
    store = createVersionStore();
    stores.set(qc, store);
  }
  return store;
}

export function createVersionStore(capacity = VERSION_STORE_CAPACITY): VersionStore {
  // Map iteration order = insertion order; re-inserting on change keeps the oldest change first.
  const entries = new Map<string, VersionEntry & { domain: string }>();
  let seq = 0;

  const put = (domain: string, id: string, version: number, entity: unknown | null) => {
    const key = `${domain}\u0000${id}`;
    entries.delete(key);
    seq += 1;
    entries.set(key, { domain, version, entity, seq });
    if (entries.size > capacity) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
  };

  return {
    get: (domain, id) => entries.get(`${domain}\u0000${id}`),
    offer(domain, id, version, entity) {
      const held = entries.get(`${domain}\u0000${id}`);
      if (held && held.version >= version) return false;
      put(domain, id, version, entity);
      return true;
    },
    touch(domain, id, entity) {
      const held = entries.get(`${domain}\u0000${id}`);
      if (!held || held.entity === null) return;
      put(domain, id, held.version, entity);
    },
    tombstone(domain, id, version) {
      const held = entries.get(`${domain}\u0000${id}`);
      if (held && (held.version > version || (held.entity === null && held.version >= version))) return false;
      put(domain, id, version, null);
      return true;
    },
    seq: () => seq,
    changedSince(domain, since) {
      const out: unknown[] = [];
      for (const e of entries.values()) if (e.domain === domain && e.seq > since && e.entity !== null) out.push(e.entity);
      return out;
    },
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
