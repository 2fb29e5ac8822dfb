"use client";
// JobsFilters: status chips and a type menu; the choice goes into the list query's params (server-side filters).
import { Check, ChevronDown, X } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { JOB_TYPES } from "@/lib/api/jobs";
import { JOB_STATUSES, type JobStatus } from "@/lib/protocol/entities/jobs";
import type { JobFilters } from "@/lib/query/hooks/use-jobs";
import { cn } from "@/lib/utils";
import { JOB_STATUS_LABELS, jobTypeLabel } from "./job-format";

const STATUS_DOTS: Record<JobStatus, string> = {
  queued: "bg-muted-foreground/60",
  processing: "bg-sky-500",
  completed: "bg-success",
  failed: "bg-destructive",
  cancelled: "bg-muted-foreground/30 ring-1 ring-muted-foreground/60",
};

export function JobsFilters({ value, onChange }: { value: JobFilters; onChange: (next: JobFilters) => void }) {
  const statuses = value.status ?? [];
  const types = value.type ?? [];
  const active = statuses.length + types.length > 0;

  const toggleStatus = (s: JobStatus) =>
    onChange({ ...value, status: statuses.includes(s) ? statuses.filter((x) => x !== s) : [...statuses, s] });
  const toggleType = (t: string) => onChange({ ...value, type: types.includes(t) ? types.filter((x) => x !== t) : [...types, t] });

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="jobs-filters">
      <div role="group" aria-label="Filter by status" className="flex flex-wrap items-center gap-1.5">
        {JOB_STATUSES.map((s) => {
          const on = statuses.includes(s);
          return (
            <button
              key={s}
              type="button"
              aria-pressed={on}
              onClick={() => toggleStatus(s)}
              data-testid={`filter-status-${s}`}
              className={cn(
                "inline-flex h-8 items-center gap-2 rounded-full border px-3 text-xs font-medium outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50",
                on
                  ? "border-foreground/30 bg-accent text-foreground"
                  : "border-border border-dashed text-muted-foreground hover:bg-accent/60 hover:text-foreground",
              )}
            >
              {on ? <Check className="size-3.5" aria-hidden="true" /> : <span aria-hidden="true" className={cn("size-2 rounded-full", STATUS_DOTS[s])} />}
              {JOB_STATUS_LABELS[s]}
            </button>
          );
        })}
      </div>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="outline"
            size="sm"
            className={cn("h-8 rounded-full text-xs", types.length === 0 && "border-dashed text-muted-foreground")}
            data-testid="filter-type"
          >
            {types.length === 0 ? "Type" : `Type: ${types.map(jobTypeLabel).join(", ")}`}
            <ChevronDown className="size-3.5" aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-44">
          <DropdownMenuLabel className="text-xs text-muted-foreground">Filter by type</DropdownMenuLabel>
          <DropdownMenuSeparator />
          {JOB_TYPES.map((t) => (
            <DropdownMenuCheckboxItem
              key={t}
              checked={types.includes(t)}
              onCheckedChange={() => toggleType(t)}
              // Keep the menu open to pick several.
              onSelect={(e) => e.preventDefault()}
            >
              {jobTypeLabel(t)}
            </DropdownMenuCheckboxItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
      {active ? (
        <Button variant="ghost" size="sm" className="h-8 text-xs text-muted-foreground" onClick={() => onChange({})}>
          <X className="size-3.5" aria-hidden="true" />
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}

/** Filters from the URL (`?status=failed,cancelled&type=pdf`), unknown values dropped. */
export function filtersFromSearch(search: URLSearchParams): JobFilters {
  const list = (key: string) =>
    (search.get(key) ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    status: list("status").filter((s): s is JobStatus => (JOB_STATUSES as readonly string[]).includes(s)),
    type: list("type").filter((t) => (JOB_TYPES as readonly string[]).includes(t)),
  };
}

/** The query string of filters ("" when none). */
export function filtersToSearch(filters: JobFilters): string {
  const params = new URLSearchParams();
  const status = JOB_STATUSES.filter((s) => filters.status?.includes(s));
  const type = JOB_TYPES.filter((t) => filters.type?.includes(t));
  if (status.length > 0) params.set("status", status.join(","));
  if (type.length > 0) params.set("type", type.join(","));
  const qs = params.toString().replace(/%2C/g, ",");
  return qs ? `?${qs}` : "";
}
