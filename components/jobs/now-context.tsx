"use client";
// NowProvider / useNowTick: one shared clock for the many relative times of a page (one timer, not one per cell).
import * as React from "react";

import { useNow } from "@/components/shell/use-now";
import { formatRelativeTime } from "@/lib/utils";

const NowContext = React.createContext<number | null>(null);

export function NowProvider({ intervalMs = 1000, children }: { intervalMs?: number; children: React.ReactNode }) {
  const now = useNow(intervalMs);
  return <NowContext.Provider value={now}>{children}</NowContext.Provider>;
}

/** The shared clock's time (Date.now() outside a provider). */
export function useNowTick(): number {
  return React.useContext(NowContext) ?? Date.now();
}

/** "3 min ago" that stays current, with the exact time in a title; a <time> element. */
export function RelativeTime({ iso, className }: { iso: string | null | undefined; className?: string }) {
  const now = useNowTick();
  if (!iso) return <span className={className}>–</span>;
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return <span className={className}>–</span>;
  return (
    <time dateTime={iso} title={new Date(at).toLocaleString()} className={className}>
      {relative(at, now)}
    </time>
  );
}

function relative(at: number, now: number): string {
  // Our clock may run a little behind or ahead of the server's: within 5 s either way is "just now".
  if (Math.abs(now - at) < 5_000) return "just now";
  return formatRelativeTime(at, now);
}
