// /dags: every DAG with the live grid of its recent runs; trigger, create, edit and delete them.
import type { Metadata } from "next";

import { DagsPage } from "@/components/dags/dags-page";

export const metadata: Metadata = { title: "DAGs" };

export default function Page() {
  return <DagsPage />;
}
