// /admin: the admin console: live connections, topics, broadcast, users, API keys and the audit log (admins only).
import { Suspense } from "react";
import type { Metadata } from "next";

import { AdminPage } from "@/components/admin/admin-page";
import { AdminPageSkeleton } from "@/components/admin/admin-page-skeleton";

export const metadata: Metadata = { title: "Admin" };

export default function Page() {
  return (
    // The tab lives in the URL (useSearchParams): render it on the client.
    <Suspense fallback={<AdminPageSkeleton />}>
      <AdminPage />
    </Suspense>
  );
}
