// JobsPageSkeleton: the shape of /jobs while it loads (title, upload bar, filters, table rows).
import { Skeleton } from "@/components/ui/skeleton";
import { JobsTableSkeleton } from "./jobs-table";

export function JobsPageSkeleton() {
  return (
    <div className="grid gap-6">
      <div className="flex items-end justify-between gap-4">
        <div className="grid gap-2">
          <Skeleton className="h-7 w-24" />
          <Skeleton className="h-4 w-96 max-w-full" />
        </div>
        <Skeleton className="h-9 w-32" />
      </div>
      <Skeleton className="h-16 w-full" />
      <div className="grid gap-3">
        <div className="flex gap-2">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-8 w-24 rounded-full" />
          ))}
        </div>
        <JobsTableSkeleton />
      </div>
    </div>
  );
}
