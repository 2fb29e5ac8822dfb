// Loading UI of /agents while the route's code arrives.
import { AgentsPageSkeleton } from "@/components/agents/agents-page-skeleton";

export default function Loading() {
  return <AgentsPageSkeleton />;
}
