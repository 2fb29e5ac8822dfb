// Loading UI of /insights while the route's code arrives.
import { InsightsPageSkeleton } from "@/components/insights/insights-page-skeleton";

export default function Loading() {
  return <InsightsPageSkeleton />;
}
