// /jobs/{job_id}: one job, deep-linkable: status, step timeline, results, error and actions, live.
import type { Metadata } from "next";

import { JobDetail } from "@/components/jobs/job-detail";

export const metadata: Metadata = { title: "Job" };

export default async function Page({ params }: { params: Promise<{ job_id: string }> }) {
  const { job_id } = await params;
  return <JobDetail jobId={safeDecode(job_id)} />;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
