// Event ids in the Redis stream form "<ms>-<seq>": ordered, comparable without parsing dates.

export interface EventId {
  ms: number;
  seq: number;
}

const ID_RE = /^(\d{1,16})-(\d{1,16})$/;

export function parseEventId(id: string): EventId | null {
  const m = ID_RE.exec(id);
  if (!m) return null;
  return { ms: Number(m[1]), seq: Number(m[2]) };
}

export function formatEventId(id: EventId): string {
  return `${id.ms}-${id.seq}`;
}

export function compareEventIds(a: EventId, b: EventId): number {
  return a.ms - b.ms || a.seq - b.seq;
}

/** Issues strictly increasing ids even when the clock stands still or steps back. */
export function eventIdGenerator(now: () => number = Date.now): () => EventId {
  let last: EventId = { ms: 0, seq: 0 };
  return () => {
    const ms = now();
    last = ms > last.ms ? { ms, seq: 0 } : { ms: last.ms, seq: last.seq + 1 };
    return last;
  };
}
