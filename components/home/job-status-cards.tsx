"use client";
// JobStatusCards: the overview's job counts (total and by status), live from the patched JobStats; each links to the filtered list.
import Link from "next/link";
import type { LucideIcon } from "lucide-react";
import { Ban, CircleCheck, CircleX, Clock, Files, LoaderCircle } from "lucide-react";

import { Skeleton } from "@/components/ui/skeleton";
import type { JobStats } from "@/lib/api/jobs";
import type { JobStatus } from "@/lib/protocol/entities/jobs";
import { cn, formatNumber } from "@/lib/utils";

const CARDS: { key: "total" | JobStatus; label: string; icon: LucideIcon; tone: string; href: string }[] = [
  { key: "total", label: "Total", icon: Files, tone: "text-muted-foreground", href: "/jobs" },
  { key: "queued", label: "Queued", icon: Clock, tone: "text-muted-foreground", href: "/jobs?status=queued" },
  { key: "processing", label: "Processing", icon: LoaderCircle, tone: "text-sky-700 dark:text-sky-300", href: "/jobs?status=processing" },
  { key: "completed", label: "Completed", icon: CircleCheck, tone: "text-success", href: "/jobs?status=completed" },
  { key: "failed", label: "Failed", icon: CircleX, tone: "text-destructive", href: "/jobs?status=failed" },
  { key: "cancelled", label: "Cancelled", icon: Ban, tone: "text-muted-foreground", href: "/jobs?status=cancelled" },
];

export function JobStatusCards({ stats }: { stats: JobStats }) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6" data-testid="job-status-cards">
      {CARDS.map(({ key, label, icon: Icon, tone, href }) => {
        const value = key === "total" ? stats.total : (stats.counts[key] ?? 0);
        const active = key === "processing" && value > 0;
        return (
          <li key={key}>
            <Link
              href={href}
              data-testid={`job-count-${key}`}
              className="group grid gap-2 rounded-xl border bg-card p-4 shadow-xs outline-none transition-colors hover:border-foreground/20 hover:bg-accent/30 focus-visible:ring-[3px] focus-visible:ring-ring/50"
            >
              <span className="flex items-center gap-2 text-sm font-medium text-muted-foreground">
                <Icon className={cn("size-4", tone, active && "motion-safe:animate-spin")} aria-hidden="true" />
                {label}
              </span>
              <span className="text-2xl font-semibold tracking-tight tabular-nums">
                {formatNumber(value)}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function JobStatusCardsSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6" aria-hidden="true">
      {CARDS.map(({ key }) => (
        <div key={key} className="grid gap-3 rounded-xl border bg-card p-4">
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-7 w-12" />
        </div>
      ))}
    </div>
  );
}
