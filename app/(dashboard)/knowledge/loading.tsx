// Loading UI of /knowledge while the route's code arrives.
import { KnowledgePageSkeleton } from "@/components/knowledge/knowledge-page-skeleton";

export default function Loading() {
  return <KnowledgePageSkeleton />;
}
