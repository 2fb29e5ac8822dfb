// Which sockets hold which topic patterns: exact topics, `family:*` prefixes and `*`, indexed so that
// finding an event's recipients costs three lookups, not a scan of every socket.
import type { TopicPattern } from "@/lib/protocol/topics";

export class TopicRegistry<T> {
  private readonly exact = new Map<string, Set<T>>();
  private readonly prefix = new Map<string, Set<T>>();
  private readonly all = new Set<T>();
  private patternCount = 0;

  add(holder: T, pattern: TopicPattern): void {
    const set = this.setFor(pattern, true)!;
    if (!set.has(holder)) {
      set.add(holder);
      this.patternCount += 1;
    }
  }

  remove(holder: T, pattern: TopicPattern): void {
    const set = this.setFor(pattern, false);
    if (set?.delete(holder)) {
      this.patternCount -= 1;
      if (set.size === 0 && set !== this.all) {
        if (pattern.kind === "exact") this.exact.delete(pattern.topic);
        else if (pattern.kind === "prefix") this.prefix.delete(pattern.family);
      }
    }
  }

  /** Calls `visit` once per set that may hold recipients of `topic` (a holder may be in several). */
  forEachCandidateSet(topic: string, family: string, visit: (holders: Set<T>) => void): void {
    const exact = this.exact.get(topic);
    if (exact) visit(exact);
    if (topic.length > family.length) {
      const prefix = this.prefix.get(family);
      if (prefix) visit(prefix);
    }
    if (this.all.size > 0) visit(this.all);
  }

  /** How many patterns are held in all, and how many holders each exact topic or pattern has. */
  figures(): { patterns: number; byPattern: Record<string, number> } {
    const byPattern: Record<string, number> = {};
    for (const [topic, set] of this.exact) byPattern[topic] = set.size;
    for (const [family, set] of this.prefix) byPattern[`${family}:*`] = set.size;
    if (this.all.size > 0) byPattern["*"] = this.all.size;
    return { patterns: this.patternCount, byPattern };
  }

  private setFor(pattern: TopicPattern, create: boolean): Set<T> | undefined {
    if (pattern.kind === "all") return this.all;
    const map = pattern.kind === "exact" ? this.exact : this.prefix;
    const key = pattern.kind === "exact" ? pattern.topic : pattern.family;
    let set = map.get(key);
    if (!set && create) {
      set = new Set();
      map.set(key, set);
    }
    return set;
  }
}
