// / (Overview): the dashboard home; for now, system health and the live connection.
import type { Metadata } from "next";

import { Overview } from "@/components/home/overview";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return <Overview />;
}
