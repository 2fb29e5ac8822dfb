"use client";
// JobsTable: the virtualised jobs table (react-table + react-virtual): fixed row height, sticky header,
// client-side sorting of the loaded rows, infinite loading, and keyboard navigation (arrows, Home/End,
// Page Up/Down, Enter opens a job).
import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
  type SortingState,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp, ArrowUpDown, Ellipsis, FileText, LoaderCircle } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { JOB_STATUSES } from "@/lib/protocol/entities/jobs";
import type { JobRow } from "@/lib/query/hooks/use-jobs";
import { cn, formatNumber } from "@/lib/utils";
import { JobActionsMenu } from "./job-actions";
import { durationOrEta, durationSortValue, jobTypeLabel } from "./job-format";
import { JobProgress } from "./job-progress";
import { JobStatusBadge } from "./job-status-badge";
import { JOB_STEPS, stepLabel } from "./job-steps";
import { RelativeTime, useNowTick } from "./now-context";

export const ROW_HEIGHT = 48;
/** Load the next page when the last rendered row is this close to the end. */
const PREFETCH_ROWS = 20;

type ColumnMeta = { width?: number; grow?: boolean; align?: "right"; label: string };

const STATUS_ORDER = Object.fromEntries(JOB_STATUSES.map((s, i) => [s, i])) as Record<string, number>;
const STEP_ORDER = Object.fromEntries(JOB_STEPS.map((s, i) => [s.id, i])) as Record<string, number>;

export const DEFAULT_SORTING: SortingState = [{ id: "created", desc: true }];

function useColumns(): ColumnDef<JobRow>[] {
  return React.useMemo<ColumnDef<JobRow>[]>(
    () => [
      {
        id: "filename",
        header: "File",
        accessorFn: (j) => (j.filename ?? j.job_id).toLowerCase(),
        meta: { grow: true, width: 190, label: "File" },
        cell: ({ row }) => <FileCell job={row.original} />,
      },
      {
        id: "type",
        header: "Type",
        accessorFn: (j) => jobTypeLabel(j.type),
        meta: { width: 80, label: "Type" },
        cell: ({ row }) => <span className="text-muted-foreground">{jobTypeLabel(row.original.type)}</span>,
      },
      {
        id: "status",
        header: "Status",
        accessorFn: (j) => STATUS_ORDER[j.status] ?? 99,
        meta: { width: 128, label: "Status" },
        cell: ({ row }) => (
          <JobStatusBadge status={row.original.status} uploading={row.original._pending === true} action={row.original._action} />
        ),
      },
      {
        id: "progress",
        header: "Progress",
        accessorFn: (j) => j.progress,
        meta: { width: 150, label: "Progress" },
        cell: ({ row }) => (
          <JobProgress
            value={row.original.progress}
            status={row.original.status}
            pending={row.original._pending === true}
            label={`Progress of ${row.original.filename ?? row.original.job_id}`}
            className="w-full"
          />
        ),
      },
      {
        id: "step",
        header: "Step",
        accessorFn: (j) => (j.current_step ? (STEP_ORDER[j.current_step] ?? 50) : -1),
        meta: { width: 140, label: "Current step" },
        cell: ({ row }) => (
          <span className={cn("truncate", row.original.current_step ? "text-foreground" : "text-muted-foreground")}>
            {row.original.current_step ? stepLabel(row.original.current_step) : "–"}
          </span>
        ),
      },
      {
        id: "created",
        header: "Created",
        accessorFn: (j) => Date.parse(j.created_at) || 0,
        meta: { width: 100, label: "Created" },
        cell: ({ row }) => <RelativeTime iso={row.original.created_at} className="text-muted-foreground tabular-nums" />,
      },
      {
        id: "duration",
        header: "Duration / ETA",
        accessorFn: (j) => durationSortValue(j),
        meta: { width: 120, label: "Duration or ETA" },
        cell: ({ row }) => <DurationCell job={row.original} />,
      },
      {
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        enableSorting: false,
        meta: { width: 48, align: "right", label: "Actions" },
        cell: () => null, // rendered by the row (it needs the row's focus state)
      },
    ],
    [],
  );
}

export interface JobsTableProps {
  rows: JobRow[];
  sorting: SortingState;
  onSortingChange: (sorting: SortingState) => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  /** Max height of the scrolling area (CSS length). */
  maxHeight?: string;
}

export function JobsTable({ rows, sorting, onSortingChange, hasNextPage, isFetchingNextPage, fetchNextPage, maxHeight }: JobsTableProps) {
  const router = useRouter();
  const columns = useColumns();
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: (updater) => onSortingChange(typeof updater === "function" ? updater(sorting) : updater),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (j) => (j._pending ? `pending:${j.client_mutation_id}` : j.job_id),
    enableSortingRemoval: false,
    sortDescFirst: true,
  });
  const tableRows = table.getRowModel().rows;

  const scrollRef = React.useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const virtualRows = virtualizer.getVirtualItems();

  // Infinite loading: fetch the next page when the end of the loaded rows comes into view.
  const lastIndex = virtualRows.length > 0 ? virtualRows[virtualRows.length - 1]!.index : -1;
  React.useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= tableRows.length - PREFETCH_ROWS) fetchNextPage();
  }, [lastIndex, tableRows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Roving focus: one row is in the tab order; arrows move it.
  const [activeId, setActiveId] = React.useState<string | null>(null);
  const activeIndex = Math.max(0, activeId === null ? 0 : tableRows.findIndex((r) => r.id === activeId));
  const pendingFocus = React.useRef<number | null>(null);

  const focusRow = React.useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(tableRows.length - 1, index));
      const row = tableRows[clamped];
      if (!row) return;
      setActiveId(row.id);
      pendingFocus.current = clamped;
      virtualizer.scrollToIndex(clamped, { align: "auto" });
    },
    [tableRows, virtualizer],
  );

  React.useLayoutEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  const open = React.useCallback(
    (job: JobRow) => {
      if (job._pending) return;
      router.push(`/jobs/${encodeURIComponent(job.job_id)}`);
    },
    [router],
  );

  const onKeyDown = (event: React.KeyboardEvent<HTMLTableSectionElement>) => {
    const target = event.target as HTMLElement;
    if (target.tagName !== "TR") return; // keys inside the actions menu are its own
    const index = Number(target.dataset.index ?? "0");
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 480) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: tableRows.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(moves[event.key]!);
    } else if (event.key === "Enter" || event.key === " ") {
      const job = tableRows[index]?.original;
      if (job) {
        event.preventDefault();
        open(job);
      }
    }
  };

  const headerGroup = table.getHeaderGroups()[0]!;
  const sortedBy = sorting[0];
  const sortedLabel = sortedBy
    ? `${(table.getColumn(sortedBy.id)?.columnDef.meta as ColumnMeta | undefined)?.label ?? sortedBy.id}, ${sortedBy.desc ? "descending" : "ascending"}`
    : "none";

  return (
    <div
      ref={scrollRef}
      className="relative overflow-auto rounded-lg border bg-card"
      style={{ maxHeight: maxHeight ?? "max(20rem, calc(100dvh - 22rem))" }}
      data-testid="jobs-table"
    >
      <table className="grid w-full min-w-[956px] text-sm" aria-rowcount={tableRows.length + 1} aria-describedby="jobs-table-caption">
        <caption id="jobs-table-caption" className="sr-only">
          Jobs, {formatNumber(tableRows.length)} loaded{hasNextPage ? " (more available)" : ""}. Sorted by {sortedLabel}. Use the arrow
          keys to move between rows and Enter to open a job.
        </caption>
        <thead className="sticky top-0 z-10 grid border-b bg-card">
          <tr className="flex w-full" aria-rowindex={1}>
            {headerGroup.headers.map((header) => {
              const meta = header.column.columnDef.meta as ColumnMeta;
              const sorted = header.column.getIsSorted();
              const canSort = header.column.getCanSort();
              return (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : canSort ? "none" : undefined}
                  style={cellStyle(meta)}
                  className={cn(
                    "flex h-10 items-center px-3 text-left text-xs font-medium text-muted-foreground",
                    meta.align === "right" && "justify-end",
                  )}
                >
                  {canSort ? (
                    <button
                      type="button"
                      onClick={header.column.getToggleSortingHandler()}
                      className="group/sort -mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-1 outline-none hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
                    >
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      {sorted === "asc" ? (
                        <ArrowUp className="size-3.5" aria-hidden="true" />
                      ) : sorted === "desc" ? (
                        <ArrowDown className="size-3.5" aria-hidden="true" />
                      ) : (
                        <ArrowUpDown className="size-3.5 opacity-0 transition-opacity group-hover/sort:opacity-50 group-focus-visible/sort:opacity-50" aria-hidden="true" />
                      )}
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="relative grid" style={{ height: `${virtualizer.getTotalSize()}px` }} onKeyDown={onKeyDown}>
          {virtualRows.map((virtualRow) => {
            const row = tableRows[virtualRow.index]!;
            return (
              <JobsTableRow
                key={row.id}
                row={row}
                job={row.original}
                index={virtualRow.index}
                start={virtualRow.start}
                active={virtualRow.index === activeIndex}
                onActivate={setActiveId}
                onOpen={open}
              />
            );
          })}
        </tbody>
      </table>
      <TableFooter
        count={tableRows.length}
        hasNextPage={hasNextPage}
        isFetchingNextPage={isFetchingNextPage}
        fetchNextPage={fetchNextPage}
      />
    </div>
  );
}

/**
 * One row. Memoised on the job copy and its place: scrolling mounts new rows but leaves the others
 * alone, and a pushed change re-renders only the row of that job.
 */
const JobsTableRow = React.memo(
  function JobsTableRow({
    row,
    job,
    index,
    start,
    active,
    onActivate,
    onOpen,
  }: {
    row: Row<JobRow>;
    job: JobRow;
    index: number;
    start: number;
    active: boolean;
    onActivate: (rowId: string) => void;
    onOpen: (job: JobRow) => void;
  }) {
    const pending = job._pending === true;
    return (
      <tr
        data-index={index}
        data-testid="job-row"
        data-job-id={pending ? undefined : job.job_id}
        data-pending={pending || undefined}
        aria-rowindex={index + 2}
        tabIndex={active ? 0 : -1}
        onFocus={() => onActivate(row.id)}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest("a,button,[role=menu]")) return;
          onOpen(job);
        }}
        style={{ transform: `translateY(${start}px)`, height: `${ROW_HEIGHT}px` }}
        className={cn(
          "absolute left-0 top-0 flex w-full items-center border-b border-border/60 outline-none transition-colors",
          "focus-visible:bg-accent/60 focus-visible:shadow-[inset_2px_0_0_var(--ring),inset_0_0_0_1px_var(--ring)]",
          pending ? "cursor-default bg-muted/30 text-muted-foreground" : "cursor-pointer hover:bg-accent/40",
          job._action === "delete" && "opacity-50",
        )}
      >
        {row.getVisibleCells().map((cell) => {
          const meta = cell.column.columnDef.meta as ColumnMeta;
          return (
            <td key={cell.id} style={cellStyle(meta)} className={cn("flex min-w-0 items-center px-3", meta.align === "right" && "justify-end")}>
              {cell.column.id === "actions"
                ? !pending && <LazyJobActionsMenu job={job} tabIndex={active ? 0 : -1} />
                : flexRender(cell.column.columnDef.cell, cell.getContext())}
            </td>
          );
        })}
      </tr>
    );
  },
  (a, b) =>
    a.job === b.job &&
    a.index === b.index &&
    a.start === b.start &&
    a.active === b.active &&
    a.row.id === b.row.id &&
    a.onActivate === b.onActivate &&
    a.onOpen === b.onOpen,
);

/**
 * The row's "…" button; the Radix menu behind it mounts on first use (a menu per rendered row would
 * cost more than the rest of the row).
 */
function LazyJobActionsMenu({ job, tabIndex }: { job: JobRow; tabIndex: number }) {
  const [mounted, setMounted] = React.useState(false);
  if (mounted) return <JobActionsMenu job={job} tabIndex={tabIndex} defaultOpen />;
  const name = job.filename ?? job.job_id;
  return (
    <Button
      variant="ghost"
      size="icon-sm"
      tabIndex={tabIndex}
      aria-label={`Actions for ${name}`}
      aria-haspopup="menu"
      aria-expanded={false}
      data-testid="job-actions"
      className="text-muted-foreground hover:text-foreground"
      onClick={(e) => {
        e.stopPropagation();
        setMounted(true);
      }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Enter" || e.key === " " || e.key === "ArrowDown") {
          e.preventDefault();
          setMounted(true);
        }
      }}
    >
      <Ellipsis aria-hidden="true" />
    </Button>
  );
}

function TableFooter({
  count,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  count: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
}) {
  return (
    <div className="sticky left-0 flex h-12 items-center justify-center border-t text-xs text-muted-foreground">
      {hasNextPage ? (
        <Button variant="ghost" size="sm" onClick={fetchNextPage} disabled={isFetchingNextPage} data-testid="load-more">
          {isFetchingNextPage ? <LoaderCircle className="motion-safe:animate-spin" aria-hidden="true" /> : null}
          {isFetchingNextPage ? "Loading more…" : "Load more"}
        </Button>
      ) : (
        <span>
          {formatNumber(count)} {count === 1 ? "job" : "jobs"}
        </span>
      )}
    </div>
  );
}

function FileCell({ job }: { job: JobRow }) {
  const name = job.filename ?? job.job_id;
  if (job._pending) {
    return (
      <span className="flex min-w-0 items-center gap-2">
        <LoaderCircle className="size-4 shrink-0 motion-safe:animate-spin" aria-hidden="true" />
        <span className="truncate" title={name}>
          {name}
        </span>
      </span>
    );
  }
  return (
    <span className="flex min-w-0 items-center gap-2">
      <FileText className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
      <Link
        href={`/jobs/${encodeURIComponent(job.job_id)}`}
        tabIndex={-1}
        title={name}
        className={cn("truncate font-medium hover:underline", job._action === "delete" && "line-through")}
      >
        {name}
      </Link>
    </span>
  );
}

function DurationCell({ job }: { job: JobRow }) {
  const now = useNowTick();
  if (job._pending) return <span className="text-muted-foreground">–</span>;
  const { text, kind } = durationOrEta(job, now);
  return <span className={cn("truncate tabular-nums", kind === "duration" ? "text-foreground" : "text-muted-foreground")}>{text}</span>;
}

/** The table's loading state: its header and rows of placeholders. */
export function JobsTableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div className="overflow-hidden rounded-lg border bg-card" aria-busy="true" data-testid="jobs-loading">
      <span className="sr-only" role="status">
        Loading jobs…
      </span>
      <div className="flex h-10 items-center gap-6 border-b px-3">
        {[160, 60, 80, 120, 90, 70, 90].map((w, i) => (
          <Skeleton key={i} className="h-3" style={{ width: w }} />
        ))}
      </div>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex items-center gap-6 border-b border-border/60 px-3" style={{ height: ROW_HEIGHT }}>
          <Skeleton className="h-4 w-56" />
          <Skeleton className="h-4 w-12" />
          <Skeleton className="h-5 w-20 rounded-full" />
          <Skeleton className="h-1.5 w-32" />
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-4 w-16" />
        </div>
      ))}
    </div>
  );
}

function cellStyle(meta: ColumnMeta): React.CSSProperties {
  return meta.grow ? { flex: `1 1 ${meta.width ?? 200}px`, minWidth: meta.width ?? 200 } : { flex: `0 0 ${meta.width ?? 120}px`, width: meta.width };
}
