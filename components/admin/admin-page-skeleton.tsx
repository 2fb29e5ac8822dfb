// AdminPageSkeleton: the shape of /admin while it loads (title, tabs, a table).
import { Skeleton } from "@/components/ui/skeleton";

export function AdminPageSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true" data-testid="admin-loading">
      <span className="sr-only" role="status">
        Loading the admin console…
      </span>
      <div className="grid gap-2">
        <Skeleton className="h-7 w-40" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <Skeleton className="h-9 w-[36rem] max-w-full" />
      <div className="grid gap-2 rounded-lg border p-3">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-6 w-full" />
        ))}
      </div>
    </div>
  );
}
