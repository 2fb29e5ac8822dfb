// /knowledge: search and browse what processed documents produced; edit titles and tags, delete items, live.
import { Suspense } from "react";
import type { Metadata } from "next";

import { KnowledgePage } from "@/components/knowledge/knowledge-page";
import { KnowledgePageSkeleton } from "@/components/knowledge/knowledge-page-skeleton";

export const metadata: Metadata = { title: "Knowledge" };

export default function Page() {
  return (
    // The search, filters and open item live in the URL (useSearchParams): render them on the client.
    <Suspense fallback={<KnowledgePageSkeleton />}>
      <KnowledgePage />
    </Suspense>
  );
}
