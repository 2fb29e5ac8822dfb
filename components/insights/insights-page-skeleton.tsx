// InsightsPageSkeleton: the shape of /insights while it loads (title, KPI cards, charts, feed).
import { Skeleton } from "@/components/ui/skeleton";
import { KpiCardsSkeleton } from "./kpi-cards";

export function InsightsPageSkeleton() {
  return (
    <div className="grid gap-8" aria-busy="true">
      <span className="sr-only" role="status">
        Loading insights…
      </span>
      <div className="flex items-end justify-between gap-4">
        <div className="grid gap-2">
          <Skeleton className="h-7 w-28" />
          <Skeleton className="h-4 w-80 max-w-full" />
        </div>
        <Skeleton className="h-9 w-32" />
      </div>
      <KpiCardsSkeleton />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="grid gap-6 lg:col-span-2">
          <Skeleton className="h-80 w-full rounded-xl" />
          <div className="grid gap-6 md:grid-cols-2">
            <Skeleton className="h-64 w-full rounded-xl" />
            <Skeleton className="h-64 w-full rounded-xl" />
          </div>
        </div>
        <Skeleton className="h-[36rem] w-full rounded-xl" />
      </div>
    </div>
  );
}
