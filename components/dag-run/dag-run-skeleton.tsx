// DagRunSkeleton: the shape of a DAG run's page while it loads (header, progress, graph, timeline, steps).
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export function DagRunSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true" data-testid="dag-run-loading">
      <h1 className="sr-only">DAG run</h1>
      <span className="sr-only" role="status">
        Loading the run…
      </span>
      <div className="flex items-start gap-3">
        <Skeleton className="size-10 rounded-lg" />
        <div className="grid gap-2">
          <Skeleton className="h-7 w-64 max-w-full" />
          <Skeleton className="h-5 w-80 max-w-full" />
        </div>
      </div>
      <Card className="gap-4 py-5">
        <CardContent className="grid gap-5">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-2 w-full" />
          <div className="grid gap-4 sm:grid-cols-3">
            {Array.from({ length: 3 }, (_, i) => (
              <div key={i} className="grid gap-1.5">
                <Skeleton className="h-3 w-16" />
                <Skeleton className="h-4 w-28" />
              </div>
            ))}
          </div>
        </CardContent>
      </Card>
      <div className="grid gap-3">
        <Skeleton className="h-5 w-24" />
        <Skeleton className="h-64 w-full rounded-lg" />
      </div>
      <div className="grid gap-3">
        <Skeleton className="h-5 w-24" />
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    </div>
  );
}
