// Dashboard layout: every signed-in page renders inside the shell (sidebar, header, realtime connection).
import { DashboardShell } from "@/components/shell/dashboard-shell";

export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return <DashboardShell>{children}</DashboardShell>;
}
