// /system: the host's live metrics (CPU, memory, disk, network), processes and interfaces, Switchboard's modules' health and alerts.
import type { Metadata } from "next";

import { SystemPage } from "@/components/system/system-page";

export const metadata: Metadata = { title: "System" };

export default function Page() {
  return <SystemPage />;
}
