// JobDetailSkeleton: the shape of a job's page while it loads.
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export function JobDetailSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true" data-testid="job-loading">
      <span className="sr-only" role="status">
        Loading the job…
      </span>
      <div className="flex items-start gap-3">
        <Skeleton className="size-10 rounded-lg" />
        <div className="grid gap-2">
          <Skeleton className="h-7 w-72 max-w-full" />
          <Skeleton className="h-4 w-96 max-w-full" />
        </div>
      </div>
      <Card className="gap-5">
        <CardHeader>
          <Skeleton className="h-4 w-24" />
        </CardHeader>
        <CardContent className="grid gap-6">
          <Skeleton className="h-2 w-full" />
          <div className="grid gap-4 sm:grid-cols-4">
            {Array.from({ length: 4 }, (_, i) => (
              <div key={i} className="grid gap-2">
                <Skeleton className="size-5 rounded-full" />
                <Skeleton className="h-4 w-28" />
                <Skeleton className="h-3 w-16" />
              </div>
            ))}
          </div>
        </CardContent>
      </Card>
      <div className="grid gap-6 lg:grid-cols-5">
        <Skeleton className="h-48 lg:col-span-3" />
        <Skeleton className="h-48 lg:col-span-2" />
      </div>
    </div>
  );
}
