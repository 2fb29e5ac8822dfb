// Loading UI of /dags/{dag_id}/runs/{run_id} while the route's code arrives.
import { DagRunSkeleton } from "@/components/dag-run/dag-run-skeleton";

export default function Loading() {
  return <DagRunSkeleton />;
}
