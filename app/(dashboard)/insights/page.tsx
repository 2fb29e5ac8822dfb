// /insights: live KPIs, the last 24 hours in charts, and the analyzer's insight feed with "Analyze now".
import type { Metadata } from "next";

import { InsightsPage } from "@/components/insights/insights-page";

export const metadata: Metadata = { title: "Insights" };

export default function Page() {
  return <InsightsPage />;
}
