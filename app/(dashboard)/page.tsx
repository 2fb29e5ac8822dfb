// / (Overview): the dashboard home: live job counts, jobs per minute, latest activity, then system health.
import type { Metadata } from "next";

import { Overview } from "@/components/home/overview";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return <Overview />;
}
