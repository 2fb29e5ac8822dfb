// Loading UI of /jobs/{job_id} while the route's code arrives.
import { JobDetailSkeleton } from "@/components/jobs/job-detail-skeleton";

export default function Loading() {
  return <JobDetailSkeleton />;
}
