// Loading UI of /jobs while the route's code arrives.
import { JobsPageSkeleton } from "@/components/jobs/jobs-page-skeleton";

export default function Loading() {
  return <JobsPageSkeleton />;
}
