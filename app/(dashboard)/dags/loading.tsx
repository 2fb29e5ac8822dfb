// Loading UI of /dags while the route's code arrives.
import { DagsPageSkeleton } from "@/components/dags/dags-page-skeleton";

export default function Loading() {
  return <DagsPageSkeleton />;
}
