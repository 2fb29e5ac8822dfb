// KnowledgePageSkeleton: the shape of /knowledge while it loads (title, search, tag chips, result cards).
import { Skeleton } from "@/components/ui/skeleton";
import { KnowledgeListSkeleton } from "./knowledge-list";

export function KnowledgePageSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true">
      <span className="sr-only" role="status">
        Loading knowledge…
      </span>
      <div className="grid gap-2">
        <Skeleton className="h-7 w-32" />
        <Skeleton className="h-4 w-[28rem] max-w-full" />
      </div>
      <div className="grid gap-3">
        <Skeleton className="h-9 w-full" />
        <div className="flex gap-1.5">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-7 w-20 rounded-full" />
          ))}
        </div>
      </div>
      <KnowledgeListSkeleton />
    </div>
  );
}
