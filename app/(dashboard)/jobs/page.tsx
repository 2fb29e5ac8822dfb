// /jobs: upload documents and follow their processing live (table, filters, actions).
import { Suspense } from "react";
import type { Metadata } from "next";

import { JobsPage } from "@/components/jobs/jobs-page";
import { JobsPageSkeleton } from "@/components/jobs/jobs-page-skeleton";

export const metadata: Metadata = { title: "Jobs" };

export default function Page() {
  return (
    // The filters live in the URL (useSearchParams): render them on the client.
    <Suspense fallback={<JobsPageSkeleton />}>
      <JobsPage />
    </Suspense>
  );
}
