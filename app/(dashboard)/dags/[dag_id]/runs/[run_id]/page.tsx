// /dags/{dag_id}/runs/{run_id}: one DAG run, deep-linkable: status, progress, step graph, timeline and steps, live.
import type { Metadata } from "next";

import { DagRunDetail } from "@/components/dag-run/dag-run-detail";

export const metadata: Metadata = { title: "DAG run" };

export default async function Page({ params }: { params: Promise<{ dag_id: string; run_id: string }> }) {
  // The run names its DAG; the path's dag_id is there for readable links only.
  const { run_id } = await params;
  return <DagRunDetail runId={safeDecode(run_id)} />;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
