// /agents: the hive's live agents (status, current task, capabilities, performance, actions) and the task queue.
import { Suspense } from "react";
import type { Metadata } from "next";

import { AgentsPage } from "@/components/agents/agents-page";
import { AgentsPageSkeleton } from "@/components/agents/agents-page-skeleton";

export const metadata: Metadata = { title: "Agents" };

export default function Page() {
  return (
    // The tab and the task filters live in the URL (useSearchParams): render them on the client.
    <Suspense fallback={<AgentsPageSkeleton />}>
      <AgentsPage />
    </Suspense>
  );
}
