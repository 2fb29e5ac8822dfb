"use client";
// DagRunsGrid: the Airflow-style grid of a DAG's recent runs: one column per run (oldest on the
// left, newest on the right) headed by a bar coloured by the run's status (its height is the run's
// duration), one row per step in dependency order, each cell coloured by the step's status in that
// run. One tab stop; arrow keys move between cells; Enter (or a click) opens the run.
import * as React from "react";
import Link from "next/link";

import { Skeleton } from "@/components/ui/skeleton";
import type { Dag, DagRunStep } from "@/lib/protocol/entities/dags";
import type { DagRunRow } from "@/lib/query/hooks/use-dags";
import { cn } from "@/lib/utils";
import { describeRun, describeStepCell, gridRows, gridRuns, operatorLabel, runDurationMs } from "./dag-format";
import { RUN_STATUS_CLASSES, STEP_STATUS_CLASSES } from "./dag-status";

interface CellRef {
  /** 0: the run headers; 1..n: the steps. */
  row: number;
  runId: string;
}

const BAR_MIN_PX = 6;
const BAR_MAX_PX = 28;

export function DagRunsGrid({ dag, runs, limit }: { dag: Pick<Dag, "dag_id" | "name" | "steps">; runs: readonly DagRunRow[]; limit: number }) {
  const shown = React.useMemo(() => gridRuns(runs, limit), [runs, limit]);
  const rows = React.useMemo(() => gridRows(dag, shown), [dag, shown]);
  const stepsOf = React.useMemo(() => new Map(shown.map((run) => [run.run_id, new Map((run.steps ?? []).map((s) => [s.step_id, s] as const))] as const)), [shown]);
  const longest = React.useMemo(() => Math.max(0, ...shown.map((r) => runDurationMs(r) ?? 0)), [shown]);
  const tableRef = React.useRef<HTMLTableElement>(null);
  const [active, setActive] = React.useState<CellRef | null>(null);
  const [inspected, setInspected] = React.useState<CellRef | null>(null);
  const captionId = React.useId();

  const newest = shown.at(-1);
  // The tab stop: the chosen cell while its run is shown, else the newest run's header.
  const current: CellRef | null =
    active && shown.some((r) => r.run_id === active.runId) && active.row <= rows.length ? active : newest ? { row: 0, runId: newest.run_id } : null;

  const cellAt = (ref: CellRef | null) => {
    if (!ref) return null;
    const run = shown.find((r) => r.run_id === ref.runId);
    if (!run) return null;
    if (ref.row === 0) return { run, text: describeRun(run) };
    const row = rows[ref.row - 1];
    if (!row) return null;
    return { run, text: cellText(row.step_id, run, stepsOf.get(run.run_id)?.get(row.step_id)) };
  };

  const focusCell = (row: number, col: number) => {
    const run = shown[col];
    if (!run) return;
    setActive({ row, runId: run.run_id });
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${row}:${col}"]`)?.focus();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLTableElement>) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>("[data-cell]");
    if (!cell) return;
    const [row, col] = cell.dataset.cell!.split(":").map(Number) as [number, number];
    const lastRow = rows.length;
    const lastCol = shown.length - 1;
    let next: [number, number] | null = null;
    switch (event.key) {
      case "ArrowRight":
        next = [row, Math.min(lastCol, col + 1)];
        break;
      case "ArrowLeft":
        next = [row, Math.max(0, col - 1)];
        break;
      case "ArrowDown":
        next = [Math.min(lastRow, row + 1), col];
        break;
      case "ArrowUp":
        next = [Math.max(0, row - 1), col];
        break;
      case "Home":
        next = event.ctrlKey ? [0, 0] : [row, 0];
        break;
      case "End":
        next = event.ctrlKey ? [lastRow, lastCol] : [row, lastCol];
        break;
      default:
        return;
    }
    event.preventDefault();
    focusCell(...next);
  };

  const onPointOrFocus = (event: React.SyntheticEvent) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>("[data-cell]");
    if (!cell) return;
    const [row, col] = cell.dataset.cell!.split(":").map(Number) as [number, number];
    const run = shown[col];
    if (!run) return;
    const ref = { row, runId: run.run_id };
    setInspected(ref);
    if (event.type === "focus") setActive(ref);
  };

  const detail = cellAt(inspected);

  return (
    <div className="grid gap-2">
      <div className="overflow-x-auto pb-1">
        <table
          ref={tableRef}
          role="grid"
          aria-labelledby={captionId}
          className="border-separate border-spacing-0"
          onKeyDown={onKeyDown}
          onFocus={onPointOrFocus}
          onMouseOver={onPointOrFocus}
          onMouseLeave={() => setInspected(null)}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setInspected(null);
          }}
          data-testid="dag-runs-grid"
        >
          <caption id={captionId} className="sr-only">
            Recent runs of {dag.name}, oldest to newest from left to right; one row per step. Arrow keys move between cells, Enter opens
            the run.
          </caption>
          <thead role="rowgroup">
            <tr role="row">
              <th role="columnheader" scope="col" className="sticky left-0 z-10 w-56 min-w-56 bg-card pr-3 text-left align-bottom text-xs font-medium text-muted-foreground">
                Step
              </th>
              {shown.map((run, col) => {
                const ms = runDurationMs(run);
                const height = ms === null || longest === 0 ? 12 : Math.round(BAR_MIN_PX + (BAR_MAX_PX - BAR_MIN_PX) * (ms / longest));
                const isCurrent = current?.row === 0 && current.runId === run.run_id;
                const label = describeRun(run);
                return (
                  <th key={cellKey(run)} role="columnheader" scope="col" className="px-[3px] pb-1.5 align-bottom" data-run-id={run._pending ? undefined : run.run_id}>
                    <CellTarget
                      run={run}
                      dagId={dag.dag_id}
                      cell={`0:${col}`}
                      tabbable={isCurrent}
                      label={label}
                      status={run._pending ? "pending" : run.status}
                      className={cn(
                        "mx-auto block w-4 rounded-[3px]",
                        RUN_STATUS_CLASSES[run.status],
                        run._pending && "border border-dashed border-zinc-400 bg-transparent dark:border-zinc-500 dark:bg-transparent",
                      )}
                      style={{ height: `${height}px` }}
                    />
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody role="rowgroup">
            {rows.map((row, r) => (
              <tr key={row.step_id} role="row">
                <th role="rowheader" scope="row" className="sticky left-0 z-10 w-56 min-w-56 max-w-56 bg-card py-[3px] pr-3 text-left font-normal">
                  <span className="flex items-baseline justify-between gap-2">
                    <span className={cn("min-w-0 truncate font-mono text-xs", row.removed && "text-muted-foreground line-through")} title={row.step_id}>
                      {row.step_id}
                    </span>
                    <span className="shrink-0 text-[0.7rem] text-muted-foreground">{row.removed ? "removed" : row.operator ? operatorLabel(row.operator) : null}</span>
                  </span>
                </th>
                {shown.map((run, col) => {
                  const step = stepsOf.get(run.run_id)?.get(row.step_id);
                  const absent = !step && isAbsent(run);
                  const status = step?.status ?? "pending";
                  const isCurrent = current?.row === r + 1 && current.runId === run.run_id;
                  return (
                    <td key={cellKey(run)} role="gridcell" className="px-[3px] py-[3px]">
                      <CellTarget
                        run={run}
                        dagId={dag.dag_id}
                        cell={`${r + 1}:${col}`}
                        tabbable={isCurrent}
                        label={cellText(row.step_id, run, step)}
                        status={absent ? "absent" : status}
                        className={cn(
                          "mx-auto block size-4 rounded-[3px]",
                          absent ? "border border-dotted border-zinc-300 dark:border-zinc-700" : STEP_STATUS_CLASSES[status],
                          run._pending && "opacity-70",
                        )}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* What the pointer or focus is on, for sighted users (screen readers read each cell's label). */}
      <p className="min-h-4 truncate text-xs text-muted-foreground" aria-hidden="true" data-testid="dag-grid-detail">
        {detail ? detail.text : "Newest run on the right. Point at a cell for its details; select a run to open it."}
      </p>
    </div>
  );
}

/** A cell: a link to its run's page (a run being triggered has no page yet). */
function CellTarget({
  run,
  dagId,
  cell,
  tabbable,
  label,
  status,
  className,
  style,
}: {
  run: DagRunRow;
  dagId: string;
  cell: string;
  tabbable: boolean;
  label: string;
  status: string;
  className: string;
  style?: React.CSSProperties;
}) {
  const common = {
    "data-cell": cell,
    "data-status": status,
    tabIndex: tabbable ? 0 : -1,
    "aria-label": label,
    title: label,
    className: cn(className, "outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-1 focus-visible:ring-offset-card"),
    style,
  };
  if (run._pending) return <span role="link" aria-disabled="true" {...common} />;
  return <Link href={`/dags/${encodeURIComponent(dagId)}/runs/${encodeURIComponent(run.run_id)}`} prefetch={false} {...common} />;
}

/** A cell's words; a step the run does not have (the definition changed since) says so. */
function cellText(stepId: string, run: DagRunRow, step: DagRunStep | undefined): string {
  if (!step && isAbsent(run)) return `${stepId}: not part of this run`;
  const text = describeStepCell(stepId, step);
  return run._pending ? `${text} (run being triggered)` : text;
}

/** Whether a step missing from this run's steps is absent for good (the run has all its steps) rather than not pushed yet. */
function isAbsent(run: DagRunRow): boolean {
  return Array.isArray(run.steps) && run.steps.length > 0 && run.steps.length >= run.total_steps;
}

function cellKey(run: DagRunRow): string {
  return run._pending ? `pending:${run.client_mutation_id}` : run.run_id;
}

/** The grid's loading placeholder: a few rows of squares. */
export function DagRunsGridSkeleton({ rows = 3, cols = 12 }: { rows?: number; cols?: number }) {
  return (
    <div className="grid gap-1" aria-hidden="true">
      {Array.from({ length: rows + 1 }, (_, r) => (
        <div key={r} className="flex items-center gap-1.5">
          <Skeleton className="mr-3 h-3 w-52" />
          {Array.from({ length: cols }, (_, c) => (
            <Skeleton key={c} className={cn("w-4 rounded-[3px]", r === 0 ? "h-5" : "h-4")} />
          ))}
        </div>
      ))}
    </div>
  );
}
