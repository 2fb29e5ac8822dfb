// Opaque keyset cursors for newest-first lists: (created_at, id) encoded as base64url.
import { ServiceError } from "./errors";

export interface Keyset {
  created_at: Date;
  id: string;
}

export function encodeCursor(key: Keyset): string {
  return Buffer.from(`${key.created_at.toISOString()}|${key.id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const bar = text.indexOf("|");
  const created_at = new Date(text.slice(0, bar));
  if (bar <= 0 || Number.isNaN(created_at.getTime())) {
    throw new ServiceError("validation_failed", "invalid cursor", [{ path: "cursor", message: "is not a cursor this server issued" }]);
  }
  return { created_at, id: text.slice(bar + 1) };
}

/** The page and the cursor of the next one (null at the end), from `limit + 1` fetched rows. */
export function pageOf<R, T>(rows: R[], limit: number, map: (row: R) => T, key: (row: R) => Keyset): { items: T[]; next_cursor: string | null } {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { items: page.map(map), next_cursor: more ? encodeCursor(key(page[page.length - 1]!)) : null };
}

/** A timestamp with the millisecond precision JavaScript dates have, so keysets compare exactly. */
export function nowMs(now: () => Date): Date {
  return new Date(Math.floor(now().getTime()));
}
