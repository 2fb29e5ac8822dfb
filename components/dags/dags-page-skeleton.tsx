// DagsPageSkeleton: the shape of /dags while it loads (title, action, legend, DAG cards with grids).
import { Skeleton } from "@/components/ui/skeleton";
import { DagCardSkeleton } from "./dag-card";

export function DagsPageSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true">
      <span className="sr-only" role="status">
        Loading DAGs…
      </span>
      <div className="flex items-end justify-between gap-4">
        <div className="grid gap-2">
          <Skeleton className="h-7 w-20" />
          <Skeleton className="h-4 w-96 max-w-full" />
        </div>
        <Skeleton className="h-9 w-28" />
      </div>
      <Skeleton className="h-4 w-[32rem] max-w-full" />
      <div className="grid gap-4">
        <DagCardSkeleton />
        <DagCardSkeleton />
      </div>
    </div>
  );
}
